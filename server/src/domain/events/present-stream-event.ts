import type { StreamEvent } from '@lastmeter/shared';
import type { RecordedEvent } from './record-event.ts';

/** One wire event per delivery of a recorded event (a recorded event reaches several streams). */
export function presentRecordedEvents(events: readonly RecordedEvent[]): StreamEvent[] {
  return events.flatMap((event) =>
    event.deliveries.map((delivery) => ({
      id: event.eventId,
      type: event.type,
      payload: event.payload,
      at: event.at.toISOString(),
      stream: delivery.recipient,
      offset: delivery.offset,
    })),
  );
}

export interface StreamEventRow {
  offset: number | string;
  id: number | string;
  type: string;
  payload: Record<string, unknown>;
  at: Date | string;
}

/** Raw rows carry bigints as strings on some drivers; the wire always has numbers. */
export function presentStreamEventRow(stream: string, row: StreamEventRow): StreamEvent {
  return {
    id: Number(row.id),
    type: row.type,
    payload: row.payload,
    at: new Date(row.at).toISOString(),
    stream,
    offset: Number(row.offset),
  };
}

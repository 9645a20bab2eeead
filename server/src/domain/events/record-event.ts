import { type Db, domainEvents, streamEvents, streamHeads } from '@lastmeter/db';
import { sql } from 'drizzle-orm';

export interface NewDomainEvent {
  type: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  /** Server-chosen rooms (`rooms.*` in @lastmeter/shared) that must receive this event. */
  recipients: string[];
}

export interface RecordedEvent {
  eventId: number;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  deliveries: Array<{ recipient: string; offset: number }>;
}

/**
 * Writes a domain event and its per-recipient deliveries. Call it inside the transaction of the
 * change it describes, so the event exists exactly when the change does (CONVENTIONS 9); it is
 * pushed to sockets only after commit. Each recipient's offsets increase by one: the upsert on
 * `stream_heads` locks that recipient's row until commit, so offsets commit in order.
 */
export async function recordEvent(tx: Db, event: NewDomainEvent): Promise<RecordedEvent> {
  const [row] = await tx
    .insert(domainEvents)
    .values({ type: event.type, payload: event.payload, actorId: event.actorId })
    .returning({ id: domainEvents.id, at: domainEvents.at });
  if (!row) throw new Error('domain event insert returned no row');
  const recipients = [...new Set(event.recipients)].sort();
  const deliveries: RecordedEvent['deliveries'] = [];
  // Sorted recipients: two transactions lock heads in the same order and cannot deadlock.
  for (const recipient of recipients) {
    const [head] = await tx
      .insert(streamHeads)
      .values({ recipient, head: 1 })
      .onConflictDoUpdate({ target: streamHeads.recipient, set: { head: sql`${streamHeads.head} + 1` } })
      .returning({ head: streamHeads.head });
    if (!head) throw new Error('stream head upsert returned no row');
    deliveries.push({ recipient, offset: head.head });
  }
  if (deliveries.length) {
    await tx.insert(streamEvents).values(deliveries.map((d) => ({ ...d, eventId: row.id })));
  }
  return { eventId: row.id, type: event.type, payload: event.payload, at: row.at, deliveries };
}

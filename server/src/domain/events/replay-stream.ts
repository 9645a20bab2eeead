import { type Db, queryRows } from '@lastmeter/db';
import type { StreamEvent } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { presentStreamEventRow, type StreamEventRow } from './present-stream-event.ts';
import { streamsOf } from './streams-of.ts';

export interface ReplayStreamOptions {
  db: Db;
  actor: Actor;
  stream: string;
  /** Events with offsets in (after, upTo], oldest first. */
  after: number;
  upTo: number;
  limit: number;
}

/** One page of a stream's events, in offset order, from the durable log. */
export async function replayStream({
  db,
  actor,
  stream,
  after,
  upTo,
  limit,
}: ReplayStreamOptions): Promise<StreamEvent[]> {
  if (!streamsOf(actor).includes(stream)) throw errors.forbidden();
  const rows = await queryRows<StreamEventRow>(
    db,
    sql`select se."offset", de.id, de.type, de.payload, de.at
        from stream_events se join domain_events de on de.id = se.event_id
        where se.recipient = ${stream} and se."offset" > ${after} and se."offset" <= ${upTo}
        order by se."offset" limit ${limit}`,
  );
  return rows.map((row) => presentStreamEventRow(stream, row));
}

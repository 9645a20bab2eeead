import { type Db, streamAcks, streamHeads } from '@lastmeter/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { streamsOf } from './streams-of.ts';

export interface StreamPosition {
  /** The stream's last committed offset. */
  head: number;
  /** The last offset this account acknowledged on any device, if ever. */
  acked: number | null;
}

/** Head and acknowledged offset of every stream in the actor's scope: where a fresh socket starts. */
export async function loadStreamPositions({
  db,
  actor,
}: {
  db: Db;
  actor: Actor;
}): Promise<Map<string, StreamPosition>> {
  const streams = streamsOf(actor);
  const [heads, acks] = await Promise.all([
    db.select().from(streamHeads).where(inArray(streamHeads.recipient, streams)),
    db
      .select({ recipient: streamAcks.recipient, offset: streamAcks.offset })
      .from(streamAcks)
      .where(and(eq(streamAcks.accountId, actor.accountId), inArray(streamAcks.recipient, streams))),
  ]);
  const headOf = new Map(heads.map((h) => [h.recipient, Number(h.head)]));
  const ackOf = new Map(acks.map((a) => [a.recipient, Number(a.offset)]));
  return new Map(
    streams.map((stream) => [stream, { head: headOf.get(stream) ?? 0, acked: ackOf.get(stream) ?? null }]),
  );
}

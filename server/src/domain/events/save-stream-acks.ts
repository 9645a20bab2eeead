import { type Db, streamAcks } from '@lastmeter/db';
import { sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { ownStreams } from './streams-of.ts';

/**
 * Stores the account's acknowledged offsets. Offsets only move forward: two devices acking out of
 * order never rewind each other. Streams outside the actor's scope are dropped silently.
 */
export async function saveStreamAcks({
  db,
  actor,
  offsets,
  now,
}: {
  db: Db;
  actor: Actor;
  offsets: Record<string, number>;
  now: Date;
}): Promise<void> {
  const rows = [...ownStreams(actor, offsets)].map(([recipient, offset]) => ({
    accountId: actor.accountId,
    recipient,
    offset,
    updatedAt: now,
  }));
  if (!rows.length) return;
  await db
    .insert(streamAcks)
    .values(rows)
    .onConflictDoUpdate({
      target: [streamAcks.accountId, streamAcks.recipient],
      set: {
        offset: sql`greatest(${streamAcks.offset}, excluded."offset")`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

import { type Db, legEvents, legs } from '@lastmeter/db';
import { and, eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';

type LegRow = typeof legs.$inferSelect;

/**
 * Writes a change to a leg as the caller saw it (`seen.version`: a leg changed meanwhile is a 409
 * with `conflict`, and nothing is written), bumps its version, and notes the change in the leg's
 * history (`leg_events`): who, when, from which status to which, where, and why.
 */
export async function writeLegChange(
  tx: Db,
  seen: Pick<LegRow, 'id' | 'version'>,
  change: {
    set: Partial<typeof legs.$inferInsert>;
    now: Date;
    actorId: string;
    conflict: string;
    /** The history row; `fromStatus`/`toStatus` default to the leg's status after the change. */
    history: {
      fromStatus?: LegRow['status'];
      lng?: number | null;
      lat?: number | null;
      note: (typeof legEvents.$inferInsert)['note'];
    };
  },
): Promise<LegRow> {
  const { now, history } = change;
  const [row] = await tx
    .update(legs)
    .set({ ...change.set, version: sql`${legs.version} + 1`, updatedAt: now })
    .where(and(eq(legs.id, seen.id), eq(legs.version, seen.version)))
    .returning();
  if (!row) throw errors.conflict(change.conflict, { legId: seen.id });
  await tx.insert(legEvents).values({
    legId: row.id,
    at: now,
    actorId: change.actorId,
    fromStatus: history.fromStatus ?? row.status,
    toStatus: row.status,
    ...(history.lng !== undefined ? { lng: history.lng } : {}),
    ...(history.lat !== undefined ? { lat: history.lat } : {}),
    note: history.note,
  });
  return row;
}

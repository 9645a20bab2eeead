import type { Db, zones } from '@lastmeter/db';
import { rooms, type ZoneChangeResult } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { recordEvent } from '../events/record-event.ts';
import { presentZone } from './present-geo.ts';
import { recomputeCompoundLevels } from './recompute-compound-levels.ts';

export type ZoneChange = 'created' | 'updated' | 'ended' | 'imported';

/**
 * The tail of every zone write, inside its transaction: re-derive the district's compound levels and tell
 * dispatch and every compound that moved, so the change and its consequences commit together.
 */
export async function zoneChanged(
  tx: Db,
  {
    actor,
    districtId,
    change,
    rows,
  }: { actor: Actor; districtId: string; change: ZoneChange; rows: (typeof zones.$inferSelect)[] },
): Promise<ZoneChangeResult> {
  const compoundLevelChanges = await recomputeCompoundLevels({
    db: tx,
    districtId,
    at: new Date(),
    actorId: actor.accountId,
  });
  const presented = rows.map(presentZone);
  await recordEvent(tx, {
    type: 'zone.changed',
    payload: {
      districtId,
      change,
      zones: presented.map((z) => ({
        id: z.id,
        name: z.name,
        level: z.level,
        validFrom: z.validFrom,
        validTo: z.validTo,
        endedAt: z.endedAt,
      })),
      compoundLevelChanges,
    },
    actorId: actor.accountId,
    recipients: [
      rooms.district(districtId),
      ...compoundLevelChanges.map((c) => rooms.compound(c.compoundId)),
    ],
  });
  return { zones: presented, compoundLevelChanges };
}

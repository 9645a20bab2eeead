import { zones } from '@lastmeter/db';
import type { ZoneChangeResult } from '@lastmeter/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { loadZone } from './load-zone.ts';
import { lockDistrictZones } from './recompute-compound-levels.ts';
import { zoneChanged } from './zone-changed.ts';

/** Lifts a zone now; the compounds it decided fall back to the next strictest zone, or none. */
export async function endZone(
  use: UseCase & {
    /** Pushes the recorded events after commit. */
    zoneId: string;
  },
): Promise<ZoneChangeResult> {
  const { db, actor, zoneId, now, timeZone } = use;
  const zone = await loadZone(db, actor, zoneId, 'write');
  const { result } = await db.transaction(async (tx) => {
    await lockDistrictZones(tx, zone.districtId);
    const [row] = await tx
      .update(zones)
      .set({ endedAt: now, updatedAt: now })
      .where(and(eq(zones.id, zoneId), isNull(zones.endedAt)))
      .returning();
    if (!row) throw errors.conflict('The zone has already ended', { zoneId });
    return zoneChanged(tx, {
      actor,
      districtId: row.districtId,
      change: 'ended',
      rows: [row],
      now,
      timeZone,
    });
  });
  return result;
}

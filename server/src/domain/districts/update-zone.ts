import { zones } from '@lastmeter/db';
import type { UpdateZoneBody, ZoneChangeResult } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { loadZone } from './load-zone.ts';
import { lockDistrictZones } from './recompute-compound-levels.ts';
import { zoneChanged } from './zone-changed.ts';

/** Redraws, re-levels or re-times a zone. An ended zone is history and stays as it was. */
export async function updateZone(
  use: UseCase & {
    /** Pushes the recorded events after commit. */
    zoneId: string;
    input: UpdateZoneBody;
  },
): Promise<ZoneChangeResult> {
  const { db, actor, zoneId, input, now, timeZone } = use;
  const current = await loadZone(db, actor, zoneId, 'write');
  if (current.endedAt) throw errors.conflict('The zone has ended; draw a new one', { zoneId });
  const validFrom = input.validFrom ?? current.validFrom;
  const validTo = input.validTo === undefined ? current.validTo : input.validTo;
  if (validTo && validTo <= validFrom) throw errors.field('body.validTo', 'must be after validFrom');
  const { result } = await db.transaction(async (tx) => {
    await lockDistrictZones(tx, current.districtId);
    const [row] = await tx
      .update(zones)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.geometry !== undefined ? { geometry: input.geometry } : {}),
        validFrom,
        validTo,
        updatedAt: now,
      })
      .where(eq(zones.id, zoneId))
      .returning();
    if (!row) throw errors.notFound('Zone');
    return zoneChanged(tx, {
      actor,
      districtId: row.districtId,
      change: 'updated',
      rows: [row],
      now,
      timeZone,
    });
  });
  return result;
}

import { zones } from '@lastmeter/db';
import type { CreateZoneBody, ZoneChangeResult } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import type { UseCase } from '../use-case.ts';
import { lockDistrictZones } from './recompute-compound-levels.ts';
import { zoneChanged } from './zone-changed.ts';

export async function createZone(
  use: UseCase & {
    /** Pushes the recorded events after commit. */
    districtId: string;
    input: CreateZoneBody;
  },
): Promise<ZoneChangeResult> {
  const { db, actor, districtId, input, now, timeZone } = use;
  await authorize(db, actor, 'write', { kind: 'zone', districtId });
  const validFrom = input.validFrom ?? now;
  if (input.validTo && input.validTo <= validFrom)
    throw errors.field('body.validTo', 'must be after validFrom (default now)');
  const { result } = await db.transaction(async (tx) => {
    await lockDistrictZones(tx, districtId);
    const [row] = await tx
      .insert(zones)
      .values({
        districtId,
        name: input.name,
        level: input.level,
        geometry: input.geometry,
        validFrom,
        validTo: input.validTo,
        createdBy: actor.accountId,
      })
      .returning();
    if (!row) throw new Error('zone insert returned no row');
    return zoneChanged(tx, { actor, districtId, change: 'created', rows: [row], now, timeZone });
  });
  return result;
}

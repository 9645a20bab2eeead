import { zones } from '@lastmeter/db';
import type { ImportZonesBody, ZoneChangeResult } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import type { UseCase } from '../use-case.ts';
import { lockDistrictZones } from './recompute-compound-levels.ts';
import { zoneChanged } from './zone-changed.ts';

/**
 * Imports a FeatureCollection as zones, all or nothing: every feature was validated at the boundary (bad
 * geometry is refused naming its feature), and the inserts, the level recompute and the event share one
 * transaction.
 */
export async function importZones(
  use: UseCase & {
    /** Pushes the recorded events after commit. */
    districtId: string;
    input: ImportZonesBody;
  },
): Promise<ZoneChangeResult> {
  const { db, actor, districtId, input, now, timeZone } = use;
  await authorize(db, actor, 'write', { kind: 'zone', districtId });
  const issues = input.features.flatMap((f, i) =>
    f.properties.validTo && f.properties.validTo <= (f.properties.validFrom ?? now)
      ? [{ path: `body.features.${i}.properties.validTo`, message: 'must be after validFrom (default now)' }]
      : [],
  );
  if (issues.length) throw errors.validation(issues);
  const { result } = await db.transaction(async (tx) => {
    await lockDistrictZones(tx, districtId);
    const rows = await tx
      .insert(zones)
      .values(
        input.features.map((f) => ({
          districtId,
          name: f.properties.name,
          level: f.properties.level,
          geometry: f.geometry,
          validFrom: f.properties.validFrom ?? now,
          validTo: f.properties.validTo,
          createdBy: actor.accountId,
        })),
      )
      .returning();
    return zoneChanged(tx, { actor, districtId, change: 'imported', rows, now, timeZone });
  });
  return result;
}

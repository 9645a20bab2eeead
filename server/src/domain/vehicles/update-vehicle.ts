import { vehicles } from '@lastmeter/db';
import type { UpdateVehicleBody, Vehicle } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import { recordUpdate } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-vehicle.ts';

/**
 * The fleet record: district, kind, capacity, base, shift, disinfection time, status (dispatch and
 * admin; moving a vehicle to another district needs the right to manage that district's fleet too).
 * Audited before → after.
 */
export async function updateVehicle(
  use: Acting & { vehicleId: string; input: UpdateVehicleBody },
): Promise<Vehicle> {
  const { db, actor, vehicleId, input } = use;
  const current = await loadVehicle(db, actor, vehicleId, 'manage');
  if (input.districtId !== undefined && input.districtId !== current.vehicle.districtId)
    await authorize(db, actor, 'manage', { kind: 'vehicle', districtId: input.districtId, vehicleId });
  const { base, ...fields } = input;
  const changes = { ...fields, ...(base ? { baseLng: base.lng, baseLat: base.lat } : {}) };
  return db.transaction(async (tx) => {
    const [row] = Object.keys(changes).length
      ? await tx.update(vehicles).set(changes).where(eq(vehicles.id, vehicleId)).returning()
      : [current.vehicle];
    if (!row) throw new Error('vehicle update returned no row');
    const before = presentVehicle(current.vehicle, current.driver);
    const after = presentVehicle(row, current.driver);
    await recordUpdate(tx, actor, {
      entity: 'vehicle',
      entityId: vehicleId,
      before,
      after,
      detail: { plate: after.plate },
    });
    return after;
  });
}

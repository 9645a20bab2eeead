import { vehicles } from '@lastmeter/db';
import type { CreateVehicleBody, Vehicle } from '@lastmeter/shared';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { presentVehicle } from './present-vehicle.ts';

/** Adds a vehicle to a district's fleet (admin, the district's dispatchers); audited. */
export async function createVehicle(use: Acting & { input: CreateVehicleBody }): Promise<Vehicle> {
  const { db, actor, input } = use;
  await authorize(db, actor, 'manage', { kind: 'vehicle', districtId: input.districtId, vehicleId: '' });
  const { base, ...fields } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(vehicles)
      .values({ ...fields, baseLng: base.lng, baseLat: base.lat })
      .returning();
    if (!row) throw new Error('vehicle insert returned no row');
    const created = presentVehicle(row, null);
    await recordAudit(tx, {
      actor,
      action: 'create',
      entity: 'vehicle',
      entityId: row.id,
      outcome: 'allowed',
      detail: {
        plate: created.plate,
        kind: created.kind,
        districtId: created.districtId,
        seats: created.seats,
        wheelchairPlaces: created.wheelchairPlaces,
        stretchers: created.stretchers,
        base: created.base,
      },
    });
    return created;
  });
}

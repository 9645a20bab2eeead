import { type Db, vehicles } from '@lastmeter/db';
import type { UpdateVehicleBody, Vehicle } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-supply.ts';

/** The fleet record: kind, capacity, base, shift, disinfection time, status (dispatch and admin). */
export async function updateVehicle({
  db,
  actor,
  vehicleId,
  input,
}: {
  db: Db;
  actor: Actor;
  vehicleId: string;
  input: UpdateVehicleBody;
}): Promise<Vehicle> {
  const current = await loadVehicle(db, actor, vehicleId, 'manage');
  const { base, ...fields } = input;
  const changes = { ...fields, ...(base ? { baseLng: base.lng, baseLat: base.lat } : {}) };
  const [row] = Object.keys(changes).length
    ? await db.update(vehicles).set(changes).where(eq(vehicles.id, vehicleId)).returning()
    : [current.vehicle];
  if (!row) throw new Error('vehicle update returned no row');
  return presentVehicle(row, current.driver);
}

import { type Db, vehicles } from '@lastmeter/db';
import type { CreateVehicleBody, Vehicle } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { presentVehicle } from './present-supply.ts';

export async function createVehicle({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: CreateVehicleBody;
}): Promise<Vehicle> {
  await authorize(db, actor, 'manage', { kind: 'vehicle', districtId: input.districtId, vehicleId: '' });
  const { base, ...fields } = input;
  const [row] = await db
    .insert(vehicles)
    .values({ ...fields, baseLng: base.lng, baseLat: base.lat })
    .returning();
  if (!row) throw new Error('vehicle insert returned no row');
  return presentVehicle(row, null);
}

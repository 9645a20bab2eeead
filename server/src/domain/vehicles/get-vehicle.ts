import type { Db } from '@lastmeter/db';
import type { Vehicle } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-vehicle.ts';

export async function getVehicle({
  db,
  actor,
  vehicleId,
}: {
  db: Db;
  actor: Actor;
  vehicleId: string;
}): Promise<Vehicle> {
  const { vehicle, driver } = await loadVehicle(db, actor, vehicleId, 'read');
  return presentVehicle(vehicle, driver);
}

import type { Vehicle } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-vehicle.ts';

export async function getVehicle(use: Acting & { vehicleId: string }): Promise<Vehicle> {
  const { db, actor, vehicleId } = use;
  const { vehicle, driver } = await loadVehicle(db, actor, vehicleId, 'read');
  return presentVehicle(vehicle, driver);
}

import { type Db, drivers, vehicles } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';

/**
 * The vehicle dispatch books a job on by hand (a leg, a parcel): one of the job's district, on duty,
 * with a driver — booking a vehicle books its driver with it.
 */
export async function loadBookableVehicle(
  db: Db,
  vehicleId: string,
  districtId: string,
): Promise<{ vehicle: typeof vehicles.$inferSelect; driverId: string }> {
  const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.id, vehicleId));
  if (!vehicle || vehicle.districtId !== districtId)
    throw errors.fieldCode('body.vehicleId', 'not_a_vehicle_of_district');
  if (vehicle.status === 'off') throw errors.conflict('The vehicle is off duty', { vehicleId: vehicle.id });
  const [driver] = await db.select({ id: drivers.id }).from(drivers).where(eq(drivers.vehicleId, vehicle.id));
  if (!driver) throw errors.conflict('The vehicle has no driver', { vehicleId: vehicle.id });
  return { vehicle, driverId: driver.id };
}

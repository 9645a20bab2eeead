import { type Db, vehicles } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';

/**
 * A driver reading their own vehicle's work (jobs, parcels): only a driver bound to a vehicle may, and
 * only as the vehicle's district allows. Returns the vehicle's id.
 */
export async function authorizeOwnVehicle(
  db: Db,
  actor: Actor,
  work: 'jobs' | 'deliveries',
): Promise<string> {
  if (actor.role !== 'driver' || !actor.vehicleId)
    throw errors.forbidden(`Only a driver with a vehicle has ${work}`);
  const vehicleId = actor.vehicleId;
  const [vehicle] = await db
    .select({ districtId: vehicles.districtId })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!vehicle) throw errors.notFound('Vehicle');
  await authorize(db, actor, 'read', { kind: 'vehicle', districtId: vehicle.districtId, vehicleId });
  return vehicleId;
}

import { type Db, drivers, vehicles } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

/** A vehicle with its driver, if the actor may act on it; outside their scope it reads as absent. */
export async function loadVehicle(db: Db, actor: Actor, vehicleId: string, action: Action) {
  const [found] = await db
    .select({
      vehicle: vehicles,
      driver: { id: drivers.id, accountId: drivers.accountId, name: drivers.name },
    })
    .from(vehicles)
    .leftJoin(drivers, eq(drivers.vehicleId, vehicles.id))
    .where(eq(vehicles.id, vehicleId));
  const resource = found && { kind: 'vehicle' as const, districtId: found.vehicle.districtId, vehicleId };
  if (!found || !resource || !can(actor, 'read', resource)) throw errors.notFound('Vehicle');
  await authorize(db, actor, action, resource);
  return found;
}

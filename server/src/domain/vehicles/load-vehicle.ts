import { type Db, drivers, vehicles } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import type { Action } from '../policies.ts';

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
  return authorizeRecord(db, actor, {
    name: 'Vehicle',
    id: vehicleId,
    row: found,
    seen: (f) => ({ kind: 'vehicle', districtId: f.vehicle.districtId, vehicleId }),
    action,
  });
}

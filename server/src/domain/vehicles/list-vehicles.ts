import { drivers, vehicles } from '@lastmeter/db';
import type { Vehicle, VehicleListQuery } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import type { Acting } from '../use-case.ts';
import { presentVehicle } from './present-vehicle.ts';

/** The fleet the actor may see: all for admin, their districts' for dispatch, their own vehicle for a driver. */
export async function listVehicles(use: Acting & { query: VehicleListQuery }): Promise<Vehicle[]> {
  const { db, actor, query } = use;
  const scope = scopeFilter(actor);
  if (scope === 'none') return [];
  const filters: SQL[] = scope ? [scope] : [];
  if (query.districtId) filters.push(eq(vehicles.districtId, query.districtId));
  if (query.status) filters.push(eq(vehicles.status, query.status));
  const rows = await db
    .select({
      vehicle: vehicles,
      driver: { id: drivers.id, accountId: drivers.accountId, name: drivers.name },
    })
    .from(vehicles)
    .leftJoin(drivers, eq(drivers.vehicleId, vehicles.id))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(vehicles.plate));
  return rows.map((r) => presentVehicle(r.vehicle, r.driver));
}

function scopeFilter(actor: Actor): SQL | null | 'none' {
  switch (actor.role) {
    case 'admin':
      return null;
    case 'dispatcher':
      return actor.districtIds.length ? inArray(vehicles.districtId, actor.districtIds) : 'none';
    case 'driver':
      return actor.vehicleId ? eq(vehicles.id, actor.vehicleId) : 'none';
    case 'gatekeeper':
    case 'hospital':
      return 'none';
    default:
      return exhaustive(actor.role, 'role');
  }
}

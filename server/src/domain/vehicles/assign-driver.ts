import { accounts, drivers, vehicles } from '@lastmeter/db';
import type { AssignDriverBody, Vehicle } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordScopeChanged } from '../events/record-scope-changed.ts';
import { can } from '../policies.ts';
import type { Acting } from '../use-case.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-vehicle.ts';

/**
 * Puts a driver account on a vehicle (or takes the current one off). A driver drives one vehicle at a
 * time, so taking them from another vehicle needs the right to manage that one too.
 */
export async function assignDriver(
  use: Acting & { vehicleId: string; input: AssignDriverBody },
): Promise<Vehicle> {
  const { db, actor, vehicleId, input } = use;
  const { vehicle } = await loadVehicle(db, actor, vehicleId, 'manage');
  return db.transaction(async (tx) => {
    // Whoever drove it, and the driver put on it, hear their new vehicle (or none) at once.
    const offboard = await tx
      .update(drivers)
      .set({ vehicleId: null })
      .where(eq(drivers.vehicleId, vehicleId))
      .returning({ accountId: drivers.accountId });
    const moved = offboard.map((d) => d.accountId);
    if (input.accountId === null) {
      await recordScopeChanged(tx, moved, actor.accountId);
      return presentVehicle(vehicle, null);
    }
    const [account] = await tx
      .select({
        id: accounts.id,
        role: accounts.role,
        displayName: accounts.displayName,
        phone: accounts.phone,
      })
      .from(accounts)
      .where(eq(accounts.id, input.accountId));
    if (!account) throw errors.field('body.accountId', 'no such account');
    if (account.role !== 'driver')
      throw errors.field('body.accountId', `is a ${account.role} account, not a driver`);
    const [existing] = await tx
      .select({ id: drivers.id, vehicleId: drivers.vehicleId, districtId: vehicles.districtId })
      .from(drivers)
      .leftJoin(vehicles, eq(vehicles.id, drivers.vehicleId))
      .where(eq(drivers.accountId, account.id));
    if (
      existing?.vehicleId &&
      existing.districtId &&
      !can(actor, 'manage', {
        kind: 'vehicle',
        districtId: existing.districtId,
        vehicleId: existing.vehicleId,
      })
    ) {
      throw errors.forbidden('The driver is on a vehicle outside your districts');
    }
    const [driver] = existing
      ? await tx.update(drivers).set({ vehicleId }).where(eq(drivers.id, existing.id)).returning()
      : await tx
          .insert(drivers)
          .values({ accountId: account.id, vehicleId, name: account.displayName, phone: account.phone })
          .returning();
    if (!driver) throw new Error('driver write returned no row');
    await recordScopeChanged(tx, [...moved, account.id], actor.accountId);
    return presentVehicle(vehicle, driver);
  });
}

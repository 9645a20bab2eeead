import { deliveries, drivers, legs, vehicles } from '@lastmeter/db';
import type { Vehicle } from '@lastmeter/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordScopeChanged } from '../events/record-scope-changed.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadVehicle } from './load-vehicle.ts';
import { presentVehicle } from './present-vehicle.ts';

/** Leg statuses that hold a vehicle: booked, under way or carrying the patient. */
const HOLDING_LEGS = [
  'assigned',
  'accepted',
  'en_route',
  'at_pickup',
  'on_board',
  'arrived',
  'refused_at_gate',
] as const;
const HOLDING_PARCELS = ['assigned', 'picked_up', 'at_gate'] as const;

/**
 * Takes a vehicle out of service (a requisitioned car handed back, an ambulance withdrawn): off duty,
 * so no plan or manual assignment books it, and without a driver, whose phone hears it at once. A
 * vehicle still holding legs or parcels is refused (409 naming them): dispatch moves that work first,
 * so no patient is left without a car. Audited.
 */
export async function retireVehicle(use: Acting & { vehicleId: string }): Promise<Vehicle> {
  const { db, actor, vehicleId } = use;
  await loadVehicle(db, actor, vehicleId, 'manage');
  return db.transaction(async (tx) => {
    const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, vehicleId)).for('update');
    if (!vehicle) throw errors.notFound('Vehicle');
    const held = await tx
      .select({ id: legs.id })
      .from(legs)
      .where(and(eq(legs.vehicleId, vehicleId), inArray(legs.status, [...HOLDING_LEGS])));
    const parcels = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.vehicleId, vehicleId), inArray(deliveries.status, [...HOLDING_PARCELS])));
    if (held.length || parcels.length) {
      throw errors.conflict('The vehicle still has work booked; move it to another vehicle first', {
        legIds: held.map((l) => l.id),
        deliveryIds: parcels.map((p) => p.id),
      });
    }
    const [row] = await tx
      .update(vehicles)
      .set({ status: 'off' })
      .where(eq(vehicles.id, vehicleId))
      .returning();
    if (!row) throw new Error('vehicle update returned no row');
    const offboard = await tx
      .update(drivers)
      .set({ vehicleId: null })
      .where(eq(drivers.vehicleId, vehicleId))
      .returning({ accountId: drivers.accountId, name: drivers.name });
    await recordScopeChanged(
      tx,
      offboard.map((d) => d.accountId),
      actor.accountId,
    );
    await recordAudit(tx, {
      actor,
      action: 'retire',
      entity: 'vehicle',
      entityId: vehicleId,
      outcome: 'allowed',
      detail: {
        plate: row.plate,
        before: { status: vehicle.status },
        driverRemoved: offboard.map((d) => d.name),
      },
    });
    return presentVehicle(row, null);
  });
}

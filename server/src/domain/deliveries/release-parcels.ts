import { type Db, deliveries } from '@lastmeter/db';
import { and, eq, sql } from 'drizzle-orm';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { deliveryEvent } from './delivery-events.ts';

/**
 * A vehicle went off duty (a breakdown): the parcels planned on it and not yet collected wait for
 * another vehicle (`pending`, with the reason), and its driver, the gate and dispatch hear it. A parcel
 * already collected stays with the driver, who still has it in hand. Returns the parcels released.
 */
export async function releaseParcels(
  tx: Db,
  {
    vehicleId,
    plate,
    events,
    actorId,
  }: { vehicleId: string; plate: string; events: TripEvents; actorId: string | null },
): Promise<string[]> {
  const planned = await loadDeliveryContexts(
    tx,
    and(eq(deliveries.vehicleId, vehicleId), eq(deliveries.status, 'assigned')),
    { lock: true },
  );
  for (const ctx of planned) {
    const [row] = await tx
      .update(deliveries)
      .set({
        status: 'pending',
        vehicleId: null,
        driverId: null,
        plannedPickupAt: null,
        plannedDropoffAt: null,
        unservedReason: { code: 'vehicle_broken_down', params: { vehicle: plate } },
        version: sql`${deliveries.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(deliveries.id, ctx.delivery.id))
      .returning();
    if (!row) continue;
    const e = deliveryEvent({ ...ctx, delivery: row, vehicle: null }, actorId, {
      previousVehicleId: vehicleId,
      reason: 'breakdown',
    });
    await events.add(e.type, e.payload, e.recipients);
  }
  return planned.map((c) => c.delivery.id);
}

import { type Db, deliveries } from '@lastmeter/db';
import type { Reason, UnservedCode } from '@lastmeter/shared/planner.ts';
import { eq, sql } from 'drizzle-orm';
import type { Plan } from '../../planner/index.ts';
import type { DeliveryContext } from '../schedule/load-delivery.ts';
import type { PlanWorld } from '../schedule/plan-input.ts';
import { noteScheduleChange } from '../schedule/schedule-gate.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { deliveryEvent } from './delivery-events.ts';

export interface DeliveryCommit {
  served: Array<{ deliveryId: string; vehicleId: string; pickupAt: string; dropoffAt: string }>;
  unserved: Array<{ deliveryId: string; reason: Reason<UnservedCode> }>;
}

const MINUTE = 60_000;

/**
 * Writes the deliveries of a plan in the caller's transaction (issue 12): each parcel the plan put on
 * a vehicle is booked there at the plan's times, one it left out waits (`pending`) with the planner's
 * reason. A parcel already collected only follows its vehicle's new times. With `onlyPinned` (online
 * changes) nothing moves between vehicles: parcels are only re-timed. Every vehicle whose parcels change
 * goes through the schedule gate with its legs at commit (server/src/domain/schedule/schedule-gate.ts).
 */
export async function commitDeliveries(
  tx: Db,
  {
    world,
    plan,
    events,
    actorId,
    onlyPinned,
  }: { world: PlanWorld; plan: Plan; events: TripEvents; actorId: string | null; onlyPinned: boolean },
): Promise<DeliveryCommit> {
  const result: DeliveryCommit = { served: [], unserved: [] };
  if (world.deliveriesByPlanId.size === 0) return result;
  const placed = new Map<string, { vehicleId: string; pickupAt: Date; dropoffAt: Date }>();
  for (const route of plan.routes) {
    const pickups = new Map(route.stops.filter((s) => s.type === 'pickup').map((s) => [s.legId, s]));
    for (const stop of route.stops) {
      const ctx = stop.type === 'dropoff' ? world.deliveriesByPlanId.get(stop.legId) : undefined;
      if (!ctx) continue;
      const pickup = pickups.get(stop.legId);
      const pickupAt = new Date(
        pickup ? pickup.start : (ctx.delivery.plannedPickupAt?.getTime() ?? stop.start),
      );
      placed.set(stop.legId, {
        vehicleId: route.vehicleId,
        pickupAt,
        dropoffAt: new Date(Math.max(stop.start, pickupAt.getTime() + MINUTE)),
      });
    }
  }
  const reasons = new Map(plan.unserved.map((u) => [u.legId, u.reason]));
  /** Takes a parcel off its vehicle, waiting again with the reason why; its vehicle and gate hear it. */
  const unplan = async (ctx: DeliveryContext, reason: Reason<UnservedCode>) => {
    const next = await writeDelivery(tx, ctx, {
      status: 'pending',
      vehicleId: null,
      driverId: null,
      plannedPickupAt: null,
      plannedDropoffAt: null,
      unservedReason: reason,
    });
    const e = deliveryEvent({ ...next, vehicle: null }, actorId, {
      previousVehicleId: ctx.delivery.vehicleId,
      reason: 'unserved',
    });
    await events.add(e.type, e.payload, e.recipients);
  };

  for (const [planId, ctx] of world.deliveriesByPlanId) {
    const { delivery: d } = ctx;
    const at = placed.get(planId);
    const vehicle = at ? world.vehicles.get(at.vehicleId) : undefined;
    // Online changes never move a parcel between vehicles, and a collected one stays where it is.
    const moves = at && vehicle ? d.vehicleId !== vehicle.id : false;
    const stays = moves && (onlyPinned || d.status === 'picked_up');
    if (at && vehicle && !stays) {
      result.served.push({
        deliveryId: d.id,
        vehicleId: vehicle.id,
        pickupAt: at.pickupAt.toISOString(),
        dropoffAt: at.dropoffAt.toISOString(),
      });
      const sameVehicle = !moves;
      const moved = (a: Date | null, b: Date) => !a || Math.abs(a.getTime() - b.getTime()) > MINUTE;
      if (
        sameVehicle &&
        d.status !== 'pending' &&
        !moved(d.plannedPickupAt, at.pickupAt) &&
        !moved(d.plannedDropoffAt, at.dropoffAt)
      )
        continue;
      // A collected parcel keeps its pickup; only when it reaches the gate can change.
      const collected = d.status === 'picked_up';
      await noteScheduleChange(tx, { vehicleId: vehicle.id, legId: d.id, date: d.date });
      const next = await writeDelivery(tx, ctx, {
        status: collected ? 'picked_up' : 'assigned',
        vehicleId: vehicle.id,
        driverId: vehicle.driverId,
        plannedPickupAt: collected ? d.plannedPickupAt : at.pickupAt,
        plannedDropoffAt: at.dropoffAt,
        unservedReason: null,
      });
      const withVehicle = { ...next, vehicle: { id: vehicle.id, plate: vehicle.plate, kind: vehicle.kind } };
      const e = deliveryEvent(withVehicle, actorId, {
        ...(sameVehicle ? {} : { previousVehicleId: d.vehicleId }),
        reason: 'planned',
      });
      await events.add(e.type, e.payload, e.recipients);
      continue;
    }
    if (stays) continue;
    const reason = reasons.get(planId) ?? { code: 'fleet_busy' as const, params: {} };
    result.unserved.push({ deliveryId: d.id, reason });
    // Online changes never take a parcel off its vehicle; a collected parcel stays where it is.
    if (onlyPinned || d.status === 'picked_up') continue;
    const sameReason = JSON.stringify(d.unservedReason) === JSON.stringify(reason);
    if (d.status === 'pending' && sameReason) continue;
    await unplan(ctx, reason);
  }
  // Still waiting when the gate's window closed: no vehicle can make it today.
  for (const ctx of world.passedDeliveries) {
    const reason: Reason<UnservedCode> = { code: 'window_passed', params: {} };
    result.unserved.push({ deliveryId: ctx.delivery.id, reason });
    if (ctx.delivery.unservedReason?.code === reason.code) continue;
    await unplan(ctx, reason);
  }
  return result;
}

async function writeDelivery(
  tx: Db,
  ctx: DeliveryContext,
  patch: Pick<
    typeof deliveries.$inferInsert,
    'status' | 'vehicleId' | 'driverId' | 'plannedPickupAt' | 'plannedDropoffAt' | 'unservedReason'
  >,
): Promise<DeliveryContext> {
  const [row] = await tx
    .update(deliveries)
    .set({ ...patch, version: sql`${deliveries.version} + 1`, updatedAt: new Date() })
    .where(eq(deliveries.id, ctx.delivery.id))
    .returning();
  return { ...ctx, delivery: row ?? ctx.delivery };
}

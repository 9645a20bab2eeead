import { deliveries, vehicles } from '@lastmeter/db';
import { type AssignDeliveryBody, type DeliveryView, OPEN_DELIVERY_STATUSES } from '@lastmeter/shared';
import { and, eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { PARCEL_SERVICE_MINUTES } from '../../planner/domain/build.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import {
  type DeliveryContext,
  deliveryResource,
  loadDeliveryContexts,
  loadDeliveryFor,
} from '../schedule/load-delivery.ts';
import { allowSoftRules, noteScheduleChange } from '../schedule/schedule-gate.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import { minutes, travelMinutes } from '../travel/travel-model.ts';
import type { UseCase } from '../use-case.ts';
import { loadBookableVehicle } from '../vehicles/bookable-vehicle.ts';
import { deliveryEvent } from './delivery-events.ts';
import { presentDelivery } from './present-delivery.ts';

/** A manual booking starts on a round five minutes: what a dispatcher would say on the radio. */
const ROUND = minutes(5);

/**
 * Dispatch puts a parcel on a volunteer or requisitioned vehicle by hand, or moves it to another one,
 * before anyone has collected it (docs/product.md rule 10). The booking goes through the one schedule
 * gate with the vehicle's legs at commit (server/src/domain/schedule/schedule-gate.ts): an ambulance, or a
 * vehicle carrying a close contact or a positive patient at that time, is a 409 `schedule_rule` naming
 * the rule, and nothing is written. Soft rules (the window, travel time) yield only to an audited override.
 * The gate refuses a collection before `now`.
 */
export async function assignDelivery(
  use: UseCase & { deliveryId: string; input: AssignDeliveryBody },
): Promise<DeliveryView> {
  const { db, actor, deliveryId, input, now, timeZone } = use;
  const seen = await loadDeliveryFor(db, actor, deliveryId, 'read');
  await authorize(db, actor, 'manage', deliveryResource(seen), {
    entity: 'patient',
    entityId: seen.patient.id,
    detail: { action: 'delivery.assign', deliveryId },
  });
  const { vehicle, driverId } = await loadBookableVehicle(db, input.vehicleId, seen.compound.districtId);

  const ctx = await db.transaction(async (tx) => {
    // Changes to one vehicle's schedule queue on its row (the gate locks the rows it checks the same way).
    await tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.id, vehicle.id)).for('update');
    const [current] = await loadDeliveryContexts(tx, eq(deliveries.id, deliveryId), { lock: true });
    if (!current) throw errors.notFound('Delivery');
    const { delivery: d } = current;
    if (!(OPEN_DELIVERY_STATUSES as readonly string[]).includes(d.status))
      throw errors.invalidTransition(d.status, 'assigned', OPEN_DELIVERY_STATUSES);
    if (input.version !== undefined && input.version !== d.version)
      throw errors.conflict('The delivery changed since you last saw it', {
        deliveryId,
        currentVersion: d.version,
      });
    const { pickupAt, dropoffAt } = parcelTimes(current, input, vehicle.kind, vehicle.id, now);
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    if (input.override) {
      allowSoftRules(tx, input.override.rules);
      await recordAudit(tx, {
        actor,
        action: 'delivery.override',
        entity: 'patient',
        entityId: current.patient.id,
        outcome: 'allowed',
        detail: {
          deliveryId,
          vehicleId: vehicle.id,
          rules: input.override.rules,
          reason: input.override.reason,
        },
      });
    }
    const [row] = await tx
      .update(deliveries)
      .set({
        status: 'assigned',
        vehicleId: vehicle.id,
        driverId,
        plannedPickupAt: pickupAt,
        plannedDropoffAt: dropoffAt,
        unservedReason: null,
        version: sql`${deliveries.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.version, d.version)))
      .returning();
    if (!row) throw errors.conflict('The delivery changed since you last saw it', { deliveryId });
    await noteScheduleChange(tx, { vehicleId: vehicle.id, legId: deliveryId, date: d.date });
    const next: DeliveryContext = {
      ...current,
      delivery: row,
      vehicle: { id: vehicle.id, plate: vehicle.plate, kind: vehicle.kind },
    };
    await recordAudit(tx, {
      actor,
      action: 'delivery.assign',
      entity: 'patient',
      entityId: current.patient.id,
      outcome: 'allowed',
      detail: {
        deliveryId,
        parcelNo: d.parcelNo,
        vehicleId: vehicle.id,
        previousVehicleId: d.vehicleId,
        pickupAt: pickupAt.toISOString(),
      },
    });
    const moved = d.vehicleId !== null && d.vehicleId !== vehicle.id;
    const e = deliveryEvent(next, actor.accountId, {
      ...(moved ? { previousVehicleId: d.vehicleId } : {}),
      reason: 'assigned',
    });
    await events.add(e.type, e.payload, e.recipients);
    // The schedule gate runs here: a broken rule rolls everything back.
    await events.commit();
    return next;
  });
  return presentDelivery(ctx, actor);
}

/**
 * When the parcel is collected and left at the gate: from the pickup given, else as already planned on
 * this vehicle, else as early as the gate's window, the pharmacy and the clock allow — the collection
 * timed to reach the gate as its window opens, never before now.
 */
function parcelTimes(
  ctx: DeliveryContext,
  input: Pick<AssignDeliveryBody, 'pickupAt'>,
  kind: (typeof vehicles.$inferSelect)['kind'],
  vehicleId: string,
  now: Date,
): { pickupAt: Date; dropoffAt: Date } {
  const { delivery: d } = ctx;
  const door =
    minutes(2 * PARCEL_SERVICE_MINUTES) +
    Math.max(minutes(travelMinutes(ctx.pharmacy, ctx.gate, kind)), minutes(5));
  if (!input.pickupAt && d.vehicleId === vehicleId && d.plannedPickupAt && d.plannedDropoffAt)
    return { pickupAt: d.plannedPickupAt, dropoffAt: d.plannedDropoffAt };
  const earliest = Math.ceil(now.getTime() / ROUND) * ROUND;
  const pickup = input.pickupAt
    ? Date.parse(input.pickupAt)
    : Math.max(d.pickupWindowStart.getTime(), d.dropoffWindowStart.getTime() - door, earliest);
  return { pickupAt: new Date(pickup), dropoffAt: new Date(pickup + door) };
}

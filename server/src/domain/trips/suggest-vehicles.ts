import { deliveries, districts, drivers, legs, requests, vehicles } from '@lastmeter/db';
import {
  BOOKED_DELIVERY_STATUSES,
  BOOKED_LEG_STATUSES,
  isSoftScheduleRule,
  type VehicleSuggestion,
} from '@lastmeter/shared';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { GateLeg } from '../../planner/domain/check-schedule.ts';
import { authorize } from '../authorize.ts';
import { maskName } from '../mask-identity.ts';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import { legResource, loadLegContexts, loadLegFor } from '../schedule/load-leg.ts';
import { checkOneVehicle, gateLegOf, gateParcelOf } from '../schedule/schedule-gate.ts';
import { travelMinutes } from '../travel/travel-model.ts';
import type { Acting } from '../use-case.ts';
import { plannedTimes } from './assign-leg.ts';
import { bookedUntil } from './book-leg.ts';

const FIT_ORDER: Record<VehicleSuggestion['fit'], number> = { fits: 0, override: 1, blocked: 2 };

/**
 * The district's vehicles for one leg, ranked by fit as manual assignment would find them: each
 * vehicle's day with the leg added goes through the schedule gate's own check (`checkVehicleSchedule`:
 * kind, seats / wheelchair places / stretchers, infection classes, disinfection, travel, windows, the
 * 120 reserve), beside its duty, its driver and the bookings it already holds. Those that fit come
 * first, then those only a soft rule keeps out (an audited override books them), then the rest with
 * what is in the way; within each, the soonest at the pickup. Nothing is written.
 */
export async function suggestVehicles(
  use: Acting & { legId: string; now: Date },
): Promise<VehicleSuggestion[]> {
  const { db, actor, legId, now } = use;
  const ctx = await loadLegFor(db, actor, legId, 'read');
  await authorize(db, actor, 'manage', legResource(ctx), { entity: 'patient', entityId: ctx.patient.id });
  const rows = await db
    .select({ vehicle: vehicles, policy: districts })
    .from(vehicles)
    .innerJoin(districts, eq(districts.id, vehicles.districtId))
    .where(eq(vehicles.districtId, ctx.compound.districtId));
  const ids = rows.map((r) => r.vehicle.id);
  if (ids.length === 0) return [];
  const withDriver = new Set(
    (
      await db
        .select({ vehicleId: drivers.vehicleId })
        .from(drivers)
        .where(and(inArray(drivers.vehicleId, ids), isNotNull(drivers.vehicleId)))
    ).map((d) => d.vehicleId),
  );
  const date = ctx.request.date;
  // Every booking of the fleet that day, but the leg itself (a reassignment moves it).
  const booked = (
    await loadLegContexts(
      db,
      and(
        inArray(legs.vehicleId, ids),
        inArray(legs.status, [...BOOKED_LEG_STATUSES]),
        eq(requests.date, date),
      ),
    )
  ).filter((c) => c.leg.id !== ctx.leg.id);
  const parcels = await loadDeliveryContexts(
    db,
    and(
      inArray(deliveries.vehicleId, ids),
      inArray(deliveries.status, [...BOOKED_DELIVERY_STATUSES]),
      eq(deliveries.date, date),
    ),
  );
  const pickupPoint = ctx.leg.direction === 'outbound' ? ctx.gate : ctx.hospital;

  const suggestions = rows.map(({ vehicle, policy }): VehicleSuggestion => {
    const { pickupAt, dropoffAt } = plannedTimes(ctx, {}, vehicle.kind);
    const own = booked.filter((c) => c.leg.vehicleId === vehicle.id);
    // Where the vehicle is free from before the pickup: the end of its last booking before it.
    const before = own
      .filter((c) => c.leg.bookedTo && c.leg.bookedTo.getTime() <= pickupAt.getTime())
      .sort((a, b) => (b.leg.bookedTo?.getTime() ?? 0) - (a.leg.bookedTo?.getTime() ?? 0))[0];
    const from = before
      ? before.leg.direction === 'outbound'
        ? before.hospital
        : before.gate
      : vehicle.lastLng !== null && vehicle.lastLat !== null
        ? { lng: vehicle.lastLng, lat: vehicle.lastLat }
        : { lng: vehicle.baseLng, lat: vehicle.baseLat };
    const freeFrom = Math.max(now.getTime(), before?.leg.bookedTo?.getTime() ?? 0);
    // It need not be there before the pickup it would be booked for: the ETA is that, or later.
    const etaAt = new Date(
      Math.max(pickupAt.getTime(), freeFrom + travelMinutes(from, pickupPoint, vehicle.kind) * 60_000),
    );
    const base = {
      vehicleId: vehicle.id,
      plate: vehicle.plate,
      kind: vehicle.kind,
      status: vehicle.status,
      etaAt: etaAt.toISOString(),
      pickupAt: pickupAt.toISOString(),
      params: {},
      clash: null,
    };
    if (vehicle.status === 'off') return { ...base, fit: 'blocked', rule: 'off_duty' };
    if (!withDriver.has(vehicle.id)) return { ...base, fit: 'blocked', rule: 'no_driver' };
    // The database refuses a second booking of the vehicle over the same time (docs/product.md rule 7).
    const until = bookedUntil(ctx, dropoffAt, vehicle.disinfectionMinutes).getTime();
    const clash = own.find(
      (c) =>
        c.leg.bookedFrom &&
        c.leg.bookedTo &&
        c.leg.bookedFrom.getTime() < until &&
        c.leg.bookedTo.getTime() > pickupAt.getTime(),
    );
    if (clash?.leg.bookedFrom && clash.leg.bookedTo)
      return {
        ...base,
        fit: 'blocked',
        rule: 'busy',
        clash: {
          legId: clash.leg.id,
          patientName: maskName(clash.patient.name),
          from: clash.leg.bookedFrom.toISOString(),
          to: clash.leg.bookedTo.toISOString(),
        },
      };
    const candidate = gateLegOf(
      { ...ctx, leg: { ...ctx.leg, plannedPickupAt: pickupAt, plannedDropoffAt: dropoffAt } },
      true,
    );
    const gateLegs: GateLeg[] = [
      ...own.flatMap((c) => gateLegOf(c, false) ?? []),
      ...parcels.flatMap((c) => (c.delivery.vehicleId === vehicle.id ? (gateParcelOf(c, false) ?? []) : [])),
      ...(candidate ? [candidate] : []),
    ];
    const violation = checkOneVehicle({ vehicle, policy, legs: gateLegs, now, allow: [] });
    if (!violation) return { ...base, fit: 'fits', rule: null };
    // The legs in the way by whom they carry (masked), not by id: a dispatcher reads names.
    const legsInWay = violation.legIds
      .map((id) => {
        const leg = id === ctx.leg.id ? ctx : own.find((c) => c.leg.id === id);
        return leg
          ? maskName(leg.patient.name)
          : (parcels.find((c) => c.delivery.id === id)?.delivery.parcelNo ?? '');
      })
      .filter((name, i, all) => all.indexOf(name) === i)
      .join('、');
    return {
      ...base,
      fit: isSoftScheduleRule(violation.rule) ? 'override' : 'blocked',
      rule: violation.rule,
      params: { ...violation.params, legs: legsInWay },
    };
  });
  return suggestions.sort(
    (a, b) =>
      FIT_ORDER[a.fit] - FIT_ORDER[b.fit] || a.etaAt.localeCompare(b.etaAt) || a.plate.localeCompare(b.plate),
  );
}

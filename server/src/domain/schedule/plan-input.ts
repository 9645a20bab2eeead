import { compounds, type Db, deliveries, districts, drivers, legs, requests, vehicles } from '@lastmeter/db';
import {
  ABOARD_LEG_STATUSES,
  BEFORE_GATE_DELIVERY_STATUSES,
  BOOKED_LEG_STATUSES,
  cityInstant,
  HELD_LEG_STATUSES,
  type LegStatus,
  PLANNABLE_LEG_STATUSES,
} from '@lastmeter/shared';
import type { PlanDelivery, PlanInput, PlanTrip, PlanVehicle } from '@lastmeter/shared/planner.ts';
import { and, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { deliveryLegId, needsAmbulance, outboundLegId, returnLegId } from '../../planner/index.ts';
import { type DeliveryContext, loadDeliveryContexts } from './load-delivery.ts';
import { type LegContext, loadLegContexts } from './load-leg.ts';

const BOOKED = BOOKED_LEG_STATUSES as readonly LegStatus[];

export interface PlanWorld {
  input: PlanInput;
  /** Planner leg id (`<tripId>:out|ret`) → our leg. */
  legsByPlanId: Map<string, LegContext>;
  /**
   * Unbooked legs of trips whose arrival window closed before `now`: no vehicle can make it any more,
   * so they are left out of the search and reported as `window_passed`.
   */
  passed: LegContext[];
  /** Planner leg id (`<deliveryId>:dlv`) → our delivery (issue 12: parcels planned with the legs). */
  deliveriesByPlanId: Map<string, DeliveryContext>;
  /** Deliveries without a vehicle whose gate window closed before `now`: reported as `window_passed`. */
  passedDeliveries: DeliveryContext[];
  vehicles: Map<
    string,
    { id: string; plate: string; kind: PlanVehicle['kind']; disinfectionMinutes: number; driverId: string }
  >;
}

/**
 * The planner's view of a district's day, from the database: vehicles on duty with a driver, and
 * every round trip of the day with a leg still open. Legs a driver has accepted stay on their
 * vehicle in order; with `pinBooked` every booked leg does (online insertion moves nothing else).
 * With `onlyTripIds`, trips outside it take part only through the legs already booked — and with
 * both, when those trips can only ride a 120 ambulance, the world is only the part of the day they
 * can touch (`insertionScope`).
 */
export async function loadPlanWorld(
  db: Db,
  {
    districtId,
    date,
    now,
    timeZone,
    pinBooked = false,
    onlyTripIds,
    forbid = [],
  }: {
    districtId: string;
    date: string;
    now: Date;
    /** The city's time zone (config `TIME_ZONE`): vehicle shifts are on its clock. */
    timeZone: string;
    pinBooked?: boolean;
    onlyTripIds?: string[];
    /** Vehicles a trip must not go on (the driver declined it); they keep their other legs. */
    forbid?: Array<{ tripId: string; vehicleId: string }>;
  },
): Promise<PlanWorld> {
  const [fleet, [district]] = await Promise.all([
    db
      .select({ vehicle: vehicles, driverId: drivers.id })
      .from(vehicles)
      .innerJoin(drivers, eq(drivers.vehicleId, vehicles.id))
      .where(and(eq(vehicles.districtId, districtId), ne(vehicles.status, 'off'))),
    db
      .select({
        onePatientPerVehicle: districts.onePatientPerVehicle,
        disinfectAfterEveryPassenger: districts.disinfectAfterEveryPassenger,
      })
      .from(districts)
      .where(eq(districts.id, districtId)),
  ]);
  const dayLegs = and(
    eq(compounds.districtId, districtId),
    eq(requests.date, date),
    inArray(legs.status, [...PLANNABLE_LEG_STATUSES, 'completed']),
  );
  const dayParcels = and(
    eq(compounds.districtId, districtId),
    eq(deliveries.date, date),
    inArray(deliveries.status, [...BEFORE_GATE_DELIVERY_STATUSES]),
  );
  const scope =
    pinBooked && onlyTripIds ? await insertionScope(db, { dayLegs, dayParcels, fleet, onlyTripIds }) : null;
  const inWorld = scope ? fleet.filter(({ vehicle }) => scope.vehicleIds.has(vehicle.id)) : fleet;
  const [contexts, parcels] = scope
    ? [scope.contexts, scope.parcels]
    : await Promise.all([loadLegContexts(db, dayLegs), loadDeliveryContexts(db, dayParcels)]);
  const byTrip = new Map<string, LegContext[]>();
  for (const c of contexts) byTrip.set(c.trip.id, [...(byTrip.get(c.trip.id) ?? []), c]);

  const pinned = pinBooked ? BOOKED : HELD_LEG_STATUSES;
  const legsByPlanId = new Map<string, LegContext>();
  const planTrips: PlanTrip[] = [];
  const fixed = new Map<string, LegContext[]>();
  const passed: LegContext[] = [];
  for (const [tripId, list] of byTrip) {
    const out = list.find((c) => c.leg.direction === 'outbound');
    const ret = list.find((c) => c.leg.direction === 'return');
    if (!out || !ret || ret.leg.status === 'completed' || !PLANNABLE_LEG_STATUSES.includes(ret.leg.status))
      continue;
    const outboundDone = out.leg.status === 'completed';
    if (!outboundDone && !PLANNABLE_LEG_STATUSES.includes(out.leg.status)) continue;
    const inScope = !onlyTripIds || onlyTripIds.includes(tripId);
    const anyPinned = [out, ret].some((c) => pinned.includes(c.leg.status));
    if (!inScope && !anyPinned) continue;
    const unbooked = (c: LegContext) => c.leg.status === 'planned' || c.leg.status === 'declined';
    if (
      unbooked(out) &&
      unbooked(ret) &&
      out.leg.dropoffWindowEnd &&
      out.leg.dropoffWindowEnd.getTime() < now.getTime()
    ) {
      passed.push(out, ret);
      continue;
    }
    const first = out;
    planTrips.push({
      id: tripId,
      gate: [first.gate.lng, first.gate.lat],
      hospitalId: first.hospital.id,
      hospitalEntrance: [first.hospital.lng, first.hospital.lat],
      appointmentFrom: first.request.windowStart.getTime(),
      appointmentTo: first.request.windowEnd.getTime(),
      mobility: first.patient.mobility,
      companions: first.patient.companions,
      infectionClass: first.patient.infectionClass,
      urgency: first.request.urgency,
      returnMode:
        first.request.returnMode === 'fixed'
          ? { kind: 'fixed', treatmentMinutes: first.request.treatmentMinutes ?? 0 }
          : ret.leg.released && ret.leg.pickupWindowStart
            ? { kind: 'will_call', releasedAt: ret.leg.pickupWindowStart.getTime() }
            : { kind: 'will_call' },
      outboundDone,
      forbiddenVehicleIds: forbid.filter((f) => f.tripId === tripId).map((f) => f.vehicleId),
    });
    if (!outboundDone) legsByPlanId.set(outboundLegId(tripId), out);
    legsByPlanId.set(returnLegId(tripId), ret);
    for (const c of outboundDone ? [ret] : [out, ret]) {
      if (c.leg.vehicleId && pinned.includes(c.leg.status))
        fixed.set(c.leg.vehicleId, [...(fixed.get(c.leg.vehicleId) ?? []), c]);
    }
  }

  // A parcel in a vehicle stays there; with `pinBooked` (online changes) a planned one stays too.
  const deliveriesByPlanId = new Map<string, DeliveryContext>();
  const passedDeliveries: DeliveryContext[] = [];
  const planDeliveries: PlanDelivery[] = [];
  const fixedParcels = new Map<string, DeliveryContext[]>();
  for (const c of parcels) {
    const { delivery: d } = c;
    const held = d.status === 'picked_up' || (pinBooked && d.status === 'assigned');
    if (!held && onlyTripIds) continue;
    if (!held && d.dropoffWindowEnd.getTime() < now.getTime()) {
      passedDeliveries.push(c);
      continue;
    }
    planDeliveries.push({
      id: d.id,
      pharmacy: [c.pharmacy.lng, c.pharmacy.lat],
      gate: [c.gate.lng, c.gate.lat],
      pickupFrom: d.pickupWindowStart.getTime(),
      pickupTo: d.pickupWindowEnd.getTime(),
      dropoffFrom: d.dropoffWindowStart.getTime(),
      dropoffTo: d.dropoffWindowEnd.getTime(),
    });
    deliveriesByPlanId.set(deliveryLegId(d.id), c);
    if (held && d.vehicleId) fixedParcels.set(d.vehicleId, [...(fixedParcels.get(d.vehicleId) ?? []), c]);
  }

  const planVehicles: PlanVehicle[] = inWorld.map(({ vehicle: v }) => {
    const held = (fixed.get(v.id) ?? []).sort(
      (a, b) => (a.leg.plannedPickupAt?.getTime() ?? 0) - (b.leg.plannedPickupAt?.getTime() ?? 0),
    );
    const planId = (c: LegContext) =>
      c.leg.direction === 'outbound' ? outboundLegId(c.trip.id) : returnLegId(c.trip.id);
    const stops = held.flatMap((c) => {
      const pickup = { legId: planId(c), type: 'pickup' as const, at: c.leg.plannedPickupAt?.getTime() ?? 0 };
      const dropoff = {
        legId: planId(c),
        type: 'dropoff' as const,
        at: c.leg.plannedDropoffAt?.getTime() ?? 0,
      };
      return ABOARD_LEG_STATUSES.includes(c.leg.status) ? [dropoff] : [pickup, dropoff];
    });
    const heldParcels = fixedParcels.get(v.id) ?? [];
    for (const { delivery: d } of heldParcels) {
      const legId = deliveryLegId(d.id);
      if (d.status !== 'picked_up')
        stops.push({ legId, type: 'pickup', at: d.plannedPickupAt?.getTime() ?? 0 });
      stops.push({ legId, type: 'dropoff', at: d.plannedDropoffAt?.getTime() ?? 0 });
    }
    stops.sort((a, b) => a.at - b.at);
    const shiftStart = cityInstant(date, v.shiftStart, timeZone).getTime();
    const shiftEnd = cityInstant(date, v.shiftEnd, timeZone).getTime();
    const lateStart = now.getTime() > shiftStart && now.getTime() < shiftEnd;
    return {
      id: v.id,
      kind: v.kind,
      seats: v.seats,
      wheelchairPlaces: v.wheelchairPlaces,
      stretchers: v.stretchers,
      base: [v.baseLng, v.baseLat],
      shiftStart,
      shiftEnd,
      disinfectionMinutes: v.disinfectionMinutes,
      // Planning during the shift: the vehicle is free from where it was last seen, from now — or
      // once the disinfection it is in ends; one with legs in hand does them from there and then too.
      ...(lateStart
        ? {
            availableFrom: {
              at: [v.lastLng ?? v.baseLng, v.lastLat ?? v.baseLat] as [number, number],
              time: Math.max(now.getTime(), v.disinfectingUntil?.getTime() ?? 0),
            },
          }
        : {}),
      fixedStops: stops.map(({ legId, type }) => ({ legId, type })),
      onboardLegs: [
        ...held.filter((c) => ABOARD_LEG_STATUSES.includes(c.leg.status)).map(planId),
        ...heldParcels
          .filter((c) => c.delivery.status === 'picked_up')
          .map((c) => deliveryLegId(c.delivery.id)),
      ],
    };
  });
  return {
    input: {
      // A vehicle whose shift is already over cannot take anything more today: left to the planner it
      // would be given legs in the past, since nothing else says it cannot start before now.
      vehicles: planVehicles.filter(
        (v) => v.shiftEnd > now.getTime() || Boolean(v.fixedStops?.length || v.onboardLegs?.length),
      ),
      trips: planTrips,
      deliveries: planDeliveries,
      policy: {
        onePatientPerVehicle: district?.onePatientPerVehicle ?? false,
        disinfectAfterEveryPassenger: district?.disinfectAfterEveryPassenger ?? false,
      },
    },
    legsByPlanId,
    passed,
    deliveriesByPlanId,
    passedDeliveries,
    vehicles: new Map(
      inWorld.map(({ vehicle: v, driverId }) => [
        v.id,
        { id: v.id, plate: v.plate, kind: v.kind, disinfectionMinutes: v.disinfectionMinutes, driverId },
      ]),
    ),
  };
}

type FleetRow = { vehicle: typeof vehicles.$inferSelect; driverId: string };

/**
 * The part of a district's day an online insertion can change, when every trip being inserted needs a
 * 120 ambulance (rule 1, `needsAmbulance`): nothing else moves (every booking is pinned), so only the
 * ambulances' routes matter. The world is then the ambulances with every trip booked on them, and —
 * so that no route is seen in part, which would shift its times — every other vehicle those trips
 * also ride, with its own trips, until nothing more joins (usually no one: scheduled care rides an
 * ambulance only when nothing else can). Returns null when a trip may ride any vehicle: the whole day
 * is its world. A 500-leg day's insertion loads a few dozen legs instead of all of them.
 */
async function insertionScope(
  db: Db,
  {
    dayLegs,
    dayParcels,
    fleet,
    onlyTripIds,
  }: { dayLegs: SQL | undefined; dayParcels: SQL | undefined; fleet: FleetRow[]; onlyTripIds: string[] },
): Promise<{ contexts: LegContext[]; parcels: DeliveryContext[]; vehicleIds: Set<string> } | null> {
  const ambulances = fleet
    .filter(({ vehicle }) => vehicle.kind === 'ambulance_120')
    .map(({ vehicle }) => vehicle.id);
  const booked = alias(legs, 'booked');
  const tripsBookedOn = (ids: string[]) =>
    db
      .select({ tripId: booked.tripId })
      .from(booked)
      .where(and(inArray(booked.vehicleId, ids), inArray(booked.status, BOOKED)));
  // An insertion moves no parcel: only those the vehicles of its world hold take part.
  const parcelsOn = async (ids: string[]): Promise<DeliveryContext[]> =>
    ids.length ? loadDeliveryContexts(db, and(dayParcels, inArray(deliveries.vehicleId, ids))) : [];
  // The trips being inserted and the ambulances' trips in one read; when a trip being inserted may
  // ride any vehicle, the caller loads the whole day instead.
  const [first, parcels] = await Promise.all([
    loadLegContexts(
      db,
      and(
        dayLegs,
        ambulances.length
          ? or(inArray(legs.tripId, onlyTripIds), inArray(legs.tripId, tripsBookedOn(ambulances)))
          : inArray(legs.tripId, onlyTripIds),
      ),
    ),
    parcelsOn(ambulances),
  ]);
  const own = first.filter((c) => onlyTripIds.includes(c.trip.id));
  const ambulanceOnly = (c: LegContext) =>
    needsAmbulance({ urgency: c.request.urgency, mobility: c.patient.mobility });
  if (own.length === 0 || !own.every(ambulanceOnly)) return null;
  const onDuty = new Set(fleet.map(({ vehicle }) => vehicle.id));
  const vehicleIds = new Set(ambulances);
  const byLeg = new Map<string, LegContext>();
  const join = (list: LegContext[]): string[] => {
    const joined: string[] = [];
    for (const c of list) {
      byLeg.set(c.leg.id, c);
      const v = c.leg.vehicleId;
      if (!v || !BOOKED.includes(c.leg.status) || !onDuty.has(v) || vehicleIds.has(v)) continue;
      vehicleIds.add(v);
      joined.push(v);
    }
    return joined;
  };
  let frontier = join(first);
  while (frontier.length) {
    const [more, theirParcels] = await Promise.all([
      loadLegContexts(db, and(dayLegs, inArray(legs.tripId, tripsBookedOn(frontier)))),
      parcelsOn(frontier),
    ]);
    parcels.push(...theirParcels);
    frontier = join(more);
  }
  const contexts = [...byLeg.values()].sort(
    (a, b) =>
      (a.leg.plannedPickupAt?.getTime() ?? Number.POSITIVE_INFINITY) -
        (b.leg.plannedPickupAt?.getTime() ?? Number.POSITIVE_INFINITY) || (a.leg.id < b.leg.id ? -1 : 1),
  );
  return { contexts, parcels, vehicleIds };
}

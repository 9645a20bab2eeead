import { leavesVehicleDirty } from '@lastmeter/shared/lifecycle.ts';
import {
  type InfectionClass,
  type LngLat,
  type Mobility,
  type ParsedPlanInput,
  type PlanInput,
  planInputSchema,
  type Urgency,
  type VehicleKind,
} from '@lastmeter/shared/planner.ts';
import { type Instance, tightenWindows } from '../engine/instance.ts';
import type { TravelTimeModel } from './travel.ts';

export type ParsedVehicle = ParsedPlanInput['vehicles'][number];
export type ParsedTrip = ParsedPlanInput['trips'][number];
export type ParsedDelivery = ParsedPlanInput['deliveries'][number];

/** One engine request: a leg of a round trip, or a medicine delivery (pharmacy → gate). */
export type LegRef = {
  legId: string;
  /** The round trip's id, or the delivery's. */
  tripId: string;
  /** Patient (or parcel) already on board of this vehicle index (pickup at its current position). */
  onboardVehicle: number;
} & (
  | { direction: 'outbound' | 'return'; trip: ParsedTrip }
  | { direction: 'delivery'; delivery: ParsedDelivery }
);

/** A planning problem: the engine instance plus the maps back to domain ids. */
export interface Problem {
  readonly input: ParsedPlanInput;
  readonly inst: Instance;
  /** Index = engine request. */
  readonly legs: readonly LegRef[];
  readonly legIndex: ReadonlyMap<string, number>;
  readonly points: readonly LngLat[];
  /** Epoch ms of engine minute 0. */
  readonly origin: number;
  readonly awaitingRelease: readonly string[];
  /** Fixed stops per vehicle as engine nodes, in order. */
  readonly fixedNodes: readonly number[][];
}

export const outboundLegId = (tripId: string): string => `${tripId}:out`;
export const returnLegId = (tripId: string): string => `${tripId}:ret`;
export const deliveryLegId = (deliveryId: string): string => `${deliveryId}:dlv`;

/** Minutes to board or alight at a gate or an entrance. */
export const SERVICE_MINUTES: Record<Mobility, number> = { walk: 2, wheelchair: 5, stretcher: 8 };
const INFECTION_INDEX: Record<InfectionClass, number> = { normal: 0, close_contact: 1, positive: 2 };
/** Minutes to collect a parcel at the pharmacy counter or leave it at the gate. */
export const PARCEL_SERVICE_MINUTES = 2;
/**
 * A parcel shares the engine's class separation as if it were a `normal` passenger: it rides beside
 * normal patients and other parcels, never beside a close contact or a positive patient (issue 12).
 */
export const PARCEL_INFECTION_INDEX = INFECTION_INDEX.normal;
const KINDS: readonly VehicleKind[] = ['ambulance_120', 'volunteer', 'requisitioned'];
/** Load dimensions: seats, wheelchair places, stretchers, patients (for 一车一患者). */
const DIMS = 4;
/** Objective weights, in kilometres: leaving a leg out must never pay, an emergency even less. */
const UNSERVED_SCHEDULED = 1e5;
const UNSERVED_EMERGENCY = 1e7;
/** A parcel left out costs less than a patient left out: patients come first, medicines fill the gaps. */
const UNSERVED_DELIVERY = 2e4;
/** A 120 ambulance carrying scheduled care: allowed, but only when nothing else can. */
const AMBULANCE_FOR_SCHEDULED = 500;

/** Whether an engine request is a parcel that only volunteer and requisitioned vehicles take. */
export function isDelivery(ref: LegRef): ref is Extract<LegRef, { direction: 'delivery' }> {
  return ref.direction === 'delivery';
}

/** Rule 1 (docs/product.md): an emergency or a stretcher patient rides a 120 ambulance, nothing else. */
export function needsAmbulance(trip: { urgency: Urgency; mobility: Mobility }): boolean {
  return trip.urgency === 'emergency' || trip.mobility === 'stretcher';
}

export function parseInput(input: PlanInput): ParsedPlanInput {
  return planInputSchema.parse(input);
}

/** Every point `buildProblem` asks travel times for: gates, hospital entrances, bases, where vehicles free up. */
export function planPoints(input: PlanInput): LngLat[] {
  const points = new Map<string, LngLat>();
  const add = (p: LngLat) => points.set(`${p[0]},${p[1]}`, p);
  for (const trip of input.trips) {
    add(trip.gate);
    add(trip.hospitalEntrance);
  }
  for (const v of input.vehicles) {
    add(v.base);
    if (v.availableFrom) add(v.availableFrom.at);
  }
  return [...points.values()];
}

/**
 * Turns trips and vehicles into an engine instance. Each trip is two linked legs; they are
 * decoupled through time: treatment starts at the appointment, so the return pickup window
 * opens at the end of the appointment window + treatment minutes, which is never before the
 * outbound drop-off + treatment. Will-call returns join only once released.
 */
export function buildProblem(input: ParsedPlanInput, travel: TravelTimeModel): Problem {
  const { vehicles, trips, policy } = input;
  const points: LngLat[] = [];
  const pointIndex = new Map<string, number>();
  const locOf = (p: LngLat): number => {
    const key = `${p[0]},${p[1]}`;
    let i = pointIndex.get(key);
    if (i === undefined) {
      i = points.length;
      points.push(p);
      pointIndex.set(key, i);
    }
    return i;
  };
  const onboardOf = new Map<string, number>();
  vehicles.forEach((v, vi) => {
    for (const legId of v.onboardLegs) onboardOf.set(legId, vi);
  });
  const legs: LegRef[] = [];
  const awaitingRelease: string[] = [];
  for (const trip of trips) {
    if (!trip.outboundDone) {
      const legId = outboundLegId(trip.id);
      legs.push({
        legId,
        tripId: trip.id,
        direction: 'outbound',
        trip,
        onboardVehicle: onboardOf.get(legId) ?? -1,
      });
    }
    const legId = returnLegId(trip.id);
    if (trip.returnMode.kind === 'will_call' && trip.returnMode.releasedAt === undefined)
      awaitingRelease.push(legId);
    else
      legs.push({
        legId,
        tripId: trip.id,
        direction: 'return',
        trip,
        onboardVehicle: onboardOf.get(legId) ?? -1,
      });
  }
  for (const delivery of input.deliveries) {
    const legId = deliveryLegId(delivery.id);
    legs.push({
      legId,
      tripId: delivery.id,
      direction: 'delivery',
      delivery,
      onboardVehicle: onboardOf.get(legId) ?? -1,
    });
  }
  const R = legs.length;
  const V = vehicles.length;
  const nodes = 2 * R + 2 * V;
  const loc = new Int32Array(nodes);
  for (let r = 0; r < R; r++) {
    const ref = legs[r]!;
    const { onboardVehicle } = ref;
    const [from, to] = isDelivery(ref)
      ? [ref.delivery.pharmacy, ref.delivery.gate]
      : ref.direction === 'outbound'
        ? [ref.trip.gate, ref.trip.hospitalEntrance]
        : [ref.trip.hospitalEntrance, ref.trip.gate];
    const v = onboardVehicle >= 0 ? vehicles[onboardVehicle]! : null;
    loc[r] = locOf(v ? (v.availableFrom?.at ?? v.base) : from);
    loc[R + r] = locOf(to);
  }
  vehicles.forEach((v, vi) => {
    loc[2 * R + 2 * vi] = locOf(v.availableFrom?.at ?? v.base);
    loc[2 * R + 2 * vi + 1] = locOf(v.base);
  });
  const nLoc = points.length;
  const kindsUsed = KINDS.filter((k) => vehicles.some((v) => v.kind === k));
  const profiles = kindsUsed.map((k) => travel.minutes(points, k));
  const profileOfKind = new Map(kindsUsed.map((k, i) => [k, i]));
  const cost = travel.kilometres(points);
  // Direct times bound ride times: the slowest kind for the latest sensible pickup and the max ride.
  const direct = (a: number, b: number, slowest: boolean): number => {
    let t = slowest ? 0 : Number.POSITIVE_INFINITY;
    for (const m of profiles) t = slowest ? Math.max(t, m[a * nLoc + b]!) : Math.min(t, m[a * nLoc + b]!);
    return profiles.length === 0 ? 0 : t;
  };

  const origin = Math.min(
    ...vehicles.map((v) => v.shiftStart),
    ...trips.map((t) => t.appointmentFrom),
    ...input.deliveries.map((d) => d.pickupFrom),
  );
  const minutes = (ms: number): number => (ms - origin) / 60000;
  const early = new Float64Array(nodes);
  const late = new Float64Array(nodes);
  const service = new Float64Array(nodes);
  const demand = new Int32Array(nodes * DIMS);
  const maxRide = new Float64Array(R);
  const infection = new Uint8Array(R);
  const dirty = new Uint8Array(R);
  const tier = new Uint8Array(R);
  const unservedPenalty = new Float64Array(R);
  const pinned = new Int32Array(R).fill(-1);
  const assignPenalty = new Float64Array(R * V);
  const horizonEnd = Math.max(...vehicles.map((v) => minutes(v.shiftEnd)), 0);

  for (let r = 0; r < R; r++) {
    const ref = legs[r]!;
    const P = r;
    const D = R + r;
    if (isDelivery(ref)) {
      buildDelivery(r, ref);
      continue;
    }
    const { trip, direction, onboardVehicle } = ref;
    const dP = SERVICE_MINUTES[trip.mobility];
    const dD = SERVICE_MINUTES[trip.mobility];
    const fast = direct(loc[P]!, loc[D]!, false);
    const slow = direct(loc[P]!, loc[D]!, true);
    const ride =
      policy.maxRide.kind === 'absolute'
        ? Math.max(policy.maxRide.minutes, slow)
        : Math.max(policy.maxRide.minimumMinutes, policy.maxRide.factor * slow);
    maxRide[r] = ride;
    service[P] = dP;
    service[D] = dD;
    if (direction === 'outbound') {
      early[D] = minutes(trip.appointmentFrom);
      late[D] = minutes(trip.appointmentTo);
      early[P] = trip.readyAt !== undefined ? minutes(trip.readyAt) : early[D]! - ride - dP;
      late[P] = late[D]! - dP - fast;
    } else {
      const opens =
        trip.returnMode.kind === 'fixed'
          ? minutes(trip.appointmentTo) + trip.returnMode.treatmentMinutes
          : minutes(trip.returnMode.releasedAt ?? trip.appointmentTo);
      const flex =
        trip.returnMode.kind === 'fixed' ? policy.returnPickupFlexMinutes : policy.willCallFlexMinutes;
      early[P] = opens;
      late[P] = opens + flex;
      early[D] = opens + dP + fast;
      late[D] = opens + flex + dP + ride;
    }
    if (onboardVehicle >= 0) aboardAlready(r, onboardVehicle);
    const seats = (trip.mobility === 'walk' ? 1 : 0) + trip.companions;
    const load = [seats, trip.mobility === 'wheelchair' ? 1 : 0, trip.mobility === 'stretcher' ? 1 : 0, 1];
    for (let k = 0; k < DIMS; k++) {
      demand[P * DIMS + k] = load[k]!;
      demand[D * DIMS + k] = -load[k]!;
    }
    infection[r] = INFECTION_INDEX[trip.infectionClass];
    dirty[r] = leavesVehicleDirty(trip, policy) ? 1 : 0;
    tier[r] = trip.urgency === 'emergency' ? 1 : 0;
    unservedPenalty[r] = trip.urgency === 'emergency' ? UNSERVED_EMERGENCY : UNSERVED_SCHEDULED;
    vehicles.forEach((v, vi) => {
      let pen = 0;
      if (needsAmbulance(trip)) pen = v.kind === 'ambulance_120' ? 0 : Number.POSITIVE_INFINITY;
      else if (v.kind === 'ambulance_120') pen = AMBULANCE_FOR_SCHEDULED;
      if (trip.forbiddenVehicleIds.includes(v.id)) pen = Number.POSITIVE_INFINITY;
      assignPenalty[r * V + vi] = pen;
    });
  }

  /** Already riding: the "pickup" is where the vehicle is now; the drop-off must happen anyway. */
  function aboardAlready(r: number, vi: number): void {
    const v = vehicles[vi]!;
    const now = minutes(v.availableFrom?.time ?? v.shiftStart);
    early[r] = now;
    late[r] = now;
    service[r] = 0;
    early[R + r] = now;
    late[R + r] = Math.max(late[R + r]!, horizonEnd);
    maxRide[r] = Math.max(maxRide[r]!, horizonEnd - now);
  }

  /** A parcel: no load, the `normal` class, its own windows, no ambulance (issue 12). */
  function buildDelivery(r: number, ref: Extract<LegRef, { direction: 'delivery' }>): void {
    const { delivery } = ref;
    const P = r;
    const D = R + r;
    service[P] = PARCEL_SERVICE_MINUTES;
    service[D] = PARCEL_SERVICE_MINUTES;
    early[P] = minutes(delivery.pickupFrom);
    late[P] = minutes(delivery.pickupTo);
    early[D] = minutes(delivery.dropoffFrom);
    late[D] = minutes(delivery.dropoffTo);
    // A parcel may ride as long as its windows allow: no passenger waits inside.
    maxRide[r] = Math.max(late[D]! - early[P]!, direct(loc[P]!, loc[D]!, true));
    if (ref.onboardVehicle >= 0) aboardAlready(r, ref.onboardVehicle);
    infection[r] = PARCEL_INFECTION_INDEX;
    unservedPenalty[r] = UNSERVED_DELIVERY;
    vehicles.forEach((v, vi) => {
      assignPenalty[r * V + vi] =
        v.kind === 'ambulance_120' || delivery.forbiddenVehicleIds.includes(v.id)
          ? Number.POSITIVE_INFINITY
          : 0;
    });
  }

  const legIndex = new Map(legs.map((l, r) => [l.legId, r]));
  const fixedNodes: number[][] = vehicles.map(() => []);
  const capacity = new Int32Array(V * DIMS);
  const maxDuration = new Float64Array(V);
  const disinfection = new Float64Array(V);
  const profile = new Int32Array(V);
  vehicles.forEach((v, vi) => {
    const S = 2 * R + 2 * vi;
    // A vehicle free only after its shift (e.g. a long delay) keeps an empty route at shift end.
    const start = Math.min(
      minutes(v.shiftEnd),
      Math.max(minutes(v.shiftStart), v.availableFrom ? minutes(v.availableFrom.time) : -Infinity),
    );
    early[S] = start;
    late[S] = minutes(v.shiftEnd);
    early[S + 1] = start;
    late[S + 1] = minutes(v.shiftEnd);
    capacity.set(
      [v.seats, v.wheelchairPlaces, v.stretchers, policy.onePatientPerVehicle ? 1 : 1000],
      vi * DIMS,
    );
    maxDuration[vi] = Math.min(policy.maxRouteDurationMinutes, minutes(v.shiftEnd) - start);
    disinfection[vi] = v.disinfectionMinutes;
    profile[vi] = profileOfKind.get(v.kind)!;
    const fixed = fixedNodes[vi]!;
    for (const legId of v.onboardLegs) {
      const r = legIndex.get(legId);
      if (r !== undefined) fixed.push(r);
    }
    for (const stop of v.fixedStops) {
      const r = legIndex.get(stop.legId);
      if (r === undefined || (stop.type === 'pickup' && legs[r]!.onboardVehicle >= 0)) continue;
      fixed.push(stop.type === 'pickup' ? r : R + r);
    }
    for (const node of fixed) {
      if (node >= R) continue;
      pinned[node] = vi;
      for (let u = 0; u < V; u++) assignPenalty[node * V + u] = u === vi ? 0 : Number.POSITIVE_INFINITY;
    }
  });

  const inst: Instance = {
    nReq: R,
    nVeh: V,
    dims: DIMS,
    loc,
    early,
    late,
    service,
    demand,
    maxRide,
    infection,
    dirty,
    tier,
    unservedPenalty,
    pinned,
    capacity,
    maxDuration,
    disinfection,
    profile,
    costWeight: new Float64Array(V).fill(1),
    assignPenalty,
    nLoc,
    cost,
    time: profiles,
  };
  tightenWindows(inst);
  return { input, inst, legs, legIndex, points, origin, awaitingRelease, fixedNodes };
}

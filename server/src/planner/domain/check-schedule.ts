import type { ScheduleRule, ScheduleViolation, SoftScheduleRule } from '@lastmeter/shared';
import { leavesVehicleDirty } from '@lastmeter/shared/lifecycle.ts';
import {
  type InfectionClass,
  type LngLat,
  type Mobility,
  type PlanPolicy,
  planPolicySchema,
  type Urgency,
  type VehicleKind,
} from '@lastmeter/shared/planner.ts';
import type { Instance } from '../engine/instance.ts';
import { schedule } from '../engine/route.ts';
import { needsAmbulance, PARCEL_SERVICE_MINUTES, SERVICE_MINUTES } from './build.ts';
import type { TravelTimeModel } from './travel.ts';

/**
 * The schedule gate's check of ONE vehicle's schedule as it would be written (stops at their booked
 * times), built on the planner's exact route check (`engine/route.ts` `schedule`): the booked times
 * become one-minute windows of a one-vehicle instance, so precedence, every load dimension, infection
 * separation, one patient per vehicle, disinfection and travel are decided by the same code that plans.
 * A walk over the same stops names the rule and the legs in the way; the kind of vehicle, the clock,
 * the legs' own windows, ride times and the 120 reserve are checked beside it.
 */

export interface GateLeg {
  id: string;
  from: LngLat;
  to: LngLat;
  /** Start of service at the pickup and at the drop-off (epoch ms), as booked. */
  pickupAt: number;
  dropoffAt: number;
  mobility: Mobility;
  companions: number;
  infectionClass: InfectionClass;
  urgency: Urgency;
  /** The patient is already aboard (the pickup happened). */
  aboard: boolean;
  /** Booked or moved by the change being checked: the clock and the soft rules apply to these. */
  changed: boolean;
  /** The leg's pickup and drop-off windows (epoch ms), where it has them. */
  pickupWindow?: [number, number] | null;
  dropoffWindow?: [number, number] | null;
  /**
   * A medicine delivery (pharmacy → gate) rather than a patient: no seat, no ride-time limit, never an
   * ambulance, never aboard with a close-contact or positive patient (issue 12). Give it mobility
   * `walk`, no companions and the `normal` class.
   */
  parcel?: boolean;
}

export interface GateVehicle {
  id: string;
  /** What a dispatcher calls it (the plate). */
  label: string;
  kind: VehicleKind;
  seats: number;
  wheelchairPlaces: number;
  stretchers: number;
  disinfectionMinutes: number;
  base: LngLat;
  /**
   * The vehicle is being disinfected until then (epoch ms) after a passenger who left it dirty got
   * out (rule 3): that passenger's leg is over, so only this says when the next pickup may be.
   */
  disinfectingUntil?: number | null;
}

export interface ScheduleCheck {
  vehicle: GateVehicle;
  legs: readonly GateLeg[];
  policy?: PlanPolicy;
  now: number;
  travel: TravelTimeModel;
  /** Soft rules this change may break (a dispatcher's override, or the planner's own weighing). */
  allow?: readonly SoftScheduleRule[];
}

/** Booked times are rounded and re-derived; a minute either way is the same plan. */
const TOLERANCE_MIN = 1;
const MIN = 60_000;
const DIMS = 4;
const INFECTION_INDEX: Record<InfectionClass, number> = { normal: 0, close_contact: 1, positive: 2 };
const CAPACITY_RULE: readonly ScheduleRule[] = [
  'capacity_seats',
  'capacity_wheelchair',
  'capacity_stretcher',
  'one_patient',
];

function loadOf(leg: GateLeg): number[] {
  if (leg.parcel) return [0, 0, 0, 0];
  return [
    (leg.mobility === 'walk' ? 1 : 0) + leg.companions,
    leg.mobility === 'wheelchair' ? 1 : 0,
    leg.mobility === 'stretcher' ? 1 : 0,
    1,
  ];
}

function serviceOf(leg: GateLeg): number {
  return leg.parcel ? PARCEL_SERVICE_MINUTES : SERVICE_MINUTES[leg.mobility];
}

function dirties(leg: GateLeg, policy: ReturnType<typeof planPolicySchema.parse>): boolean {
  return !leg.parcel && leavesVehicleDirty(leg, policy);
}

interface Stop {
  leg: number;
  pickup: boolean;
  at: number;
  loc: number;
}

/** The stops in driving order: by booked time, a drop-off before a pickup at the same minute. */
function stopsOf(legs: readonly GateLeg[], locOf: (p: LngLat) => number): Stop[] {
  const stops: Stop[] = [];
  legs.forEach((leg, i) => {
    stops.push({ leg: i, pickup: true, at: leg.pickupAt, loc: locOf(leg.from) });
    stops.push({ leg: i, pickup: false, at: leg.dropoffAt, loc: locOf(leg.to) });
  });
  return stops.sort(
    (a, b) => a.at - b.at || Number(a.pickup) - Number(b.pickup) || (a.leg === b.leg ? 0 : a.leg - b.leg),
  );
}

/**
 * Checks one vehicle's schedule; null when every rule holds (soft rules in `allow` may break),
 * else the first broken rule — hard rules first — with the legs in the way.
 */
export function checkVehicleSchedule(check: ScheduleCheck): ScheduleViolation | null {
  const { vehicle, legs, now, travel } = check;
  const policy = planPolicySchema.parse(check.policy ?? {});
  const allow = new Set<string>(check.allow ?? []);
  const violation = (
    rule: ScheduleRule,
    legIds: string[],
    params: Record<string, string | number> = {},
  ): ScheduleViolation => ({
    rule,
    vehicleId: vehicle.id,
    legIds: [...new Set(legIds)],
    params: { vehicle: vehicle.label, legs: [...new Set(legIds)].join(', '), ...params },
  });
  if (legs.length === 0) return null;

  const wrongKind = legs.filter((l) => !l.parcel && needsAmbulance(l) && vehicle.kind !== 'ambulance_120');
  if (wrongKind.length)
    return violation(
      'vehicle_kind',
      wrongKind.map((l) => l.id),
    );
  const parcels = legs.filter((l) => l.parcel);
  if (parcels.length && vehicle.kind === 'ambulance_120')
    return violation(
      'ambulance_no_delivery',
      parcels.map((l) => l.id),
    );

  const points: LngLat[] = [vehicle.base];
  const index = new Map<string, number>([[vehicle.base.join(','), 0]]);
  const locOf = (p: LngLat): number => {
    const key = p.join(',');
    let i = index.get(key);
    if (i === undefined) {
      i = points.length;
      points.push(p);
      index.set(key, i);
    }
    return i;
  };
  const stops = stopsOf(legs, locOf);
  const time = travel.minutes(points, vehicle.kind);
  const nLoc = points.length;
  const travelMin = (a: number, b: number): number => time[a * nLoc + b]!;

  const walked = walk(check, policy, stops, travelMin, violation);
  if (walked.hard) return walked.hard;

  const until = vehicle.disinfectingUntil ?? null;
  if (until !== null) {
    const tooSoon = legs.filter((l) => l.changed && !l.aboard && l.pickupAt < until);
    if (tooSoon.length)
      return violation(
        'disinfection_gap',
        tooSoon.map((l) => l.id),
        { minutes: vehicle.disinfectionMinutes },
      );
  }

  if (!exactCheck(check, policy, stops, points, time) && !(walked.travel && allow.has('travel_time')))
    return (
      walked.travel ??
      violation(
        'travel_time',
        legs.map((l) => l.id),
      )
    );
  if (walked.travel && !allow.has('travel_time')) return walked.travel;

  const changed = legs.filter((l) => l.changed);
  const past = changed.filter((l) => !l.aboard && l.pickupAt < now - TOLERANCE_MIN * MIN);
  if (past.length)
    return violation(
      'in_the_past',
      past.map((l) => l.id),
    );

  if (!allow.has('time_window')) {
    const outside = changed.filter(
      (l) => !l.aboard && (outsideOf(l.pickupAt, l.pickupWindow) || outsideOf(l.dropoffAt, l.dropoffWindow)),
    );
    if (outside.length)
      return violation(
        'time_window',
        outside.map((l) => l.id),
      );
  }
  if (!allow.has('ride_time')) {
    for (const l of changed) {
      if (l.parcel) continue;
      const direct = travel.minutes([l.from, l.to], vehicle.kind)[1] ?? 0;
      const limit =
        policy.maxRide.kind === 'absolute'
          ? Math.max(policy.maxRide.minutes, direct)
          : Math.max(policy.maxRide.minimumMinutes, policy.maxRide.factor * direct);
      const ride = (l.dropoffAt - l.pickupAt) / MIN - serviceOf(l);
      if (ride > limit + TOLERANCE_MIN) return violation('ride_time', [l.id], { minutes: Math.round(limit) });
    }
  }
  if (!allow.has('ambulance_reserve') && vehicle.kind === 'ambulance_120') {
    const scheduled = changed.filter((l) => !l.parcel && !needsAmbulance(l));
    if (scheduled.length)
      return violation(
        'ambulance_reserve',
        scheduled.map((l) => l.id),
      );
  }
  return null;
}

function outsideOf(at: number, window: [number, number] | null | undefined): boolean {
  if (!window) return false;
  return at < window[0] - TOLERANCE_MIN * MIN || at > window[1] + TOLERANCE_MIN * MIN;
}

/**
 * Walks the stops in order, naming what is aboard together: loads against capacity, infection
 * classes, patients under 一车一患者, then whether each stop can follow the previous one (disinfection
 * after a dirty passenger emptied the vehicle is hard, plain travel time is soft).
 */
function walk(
  check: ScheduleCheck,
  policy: ReturnType<typeof planPolicySchema.parse>,
  stops: readonly Stop[],
  travelMin: (a: number, b: number) => number,
  violation: (
    rule: ScheduleRule,
    legIds: string[],
    params?: Record<string, string | number>,
  ) => ScheduleViolation,
): { hard: ScheduleViolation | null; travel: ScheduleViolation | null } {
  const { vehicle, legs } = check;
  const capacity = [
    vehicle.seats,
    vehicle.wheelchairPlaces,
    vehicle.stretchers,
    policy.onePatientPerVehicle ? 1 : Number.POSITIVE_INFINITY,
  ];
  const load = [0, 0, 0, 0];
  const aboard = new Set<number>();
  let dirty = false;
  let travel: ScheduleViolation | null = null;
  for (let s = 0; s < stops.length; s++) {
    const stop = stops[s]!;
    const leg = legs[stop.leg]!;
    const delta = loadOf(leg);
    if (stop.pickup) {
      aboard.add(stop.leg);
      for (let k = 0; k < DIMS; k++) {
        load[k] = load[k]! + delta[k]!;
        if (load[k]! > capacity[k]!)
          return {
            hard: violation(
              CAPACITY_RULE[k]!,
              [...aboard].map((i) => legs[i]!.id),
              { load: load[k]!, capacity: capacity[k]! },
            ),
            travel,
          };
      }
      const riding = [...aboard].map((i) => legs[i]!);
      if (riding.some((l) => l.parcel) && riding.some((l) => !l.parcel && l.infectionClass !== 'normal'))
        return {
          hard: violation(
            'medicine_with_infection',
            riding.map((l) => l.id),
          ),
          travel,
        };
      const classes = new Set(riding.map((l) => l.infectionClass));
      if (classes.size > 1)
        return {
          hard: violation(
            'infection_mix',
            [...aboard].map((i) => legs[i]!.id),
            { classes: [...classes].join(' + ') },
          ),
          travel,
        };
      if (dirties(leg, policy)) dirty = true;
    } else {
      aboard.delete(stop.leg);
      for (let k = 0; k < DIMS; k++) load[k] = load[k]! - delta[k]!;
    }
    const next = stops[s + 1];
    if (!next) break;
    const emptiedDirty = !stop.pickup && aboard.size === 0 && dirty;
    const service = serviceOf(leg);
    const disinfection = emptiedDirty ? vehicle.disinfectionMinutes : 0;
    if (emptiedDirty) dirty = false;
    const nextLeg = legs[next.leg]!;
    const slack = (next.at - stop.at) / MIN + 2 * TOLERANCE_MIN;
    if (emptiedDirty && slack < service + disinfection)
      return {
        hard: violation('disinfection_gap', [leg.id, nextLeg.id], { minutes: vehicle.disinfectionMinutes }),
        travel,
      };
    if (!travel && slack < service + disinfection + travelMin(stop.loc, next.loc))
      travel = violation(emptiedDirty ? 'disinfection_gap' : 'travel_time', [leg.id, nextLeg.id], {
        minutes: vehicle.disinfectionMinutes,
      });
  }
  // Disinfection plus travel that cannot be made is still a disinfection gap: never soft.
  if (travel?.rule === 'disinfection_gap') return { hard: travel, travel: null };
  return { hard: null, travel };
}

/** The planner's exact route check on the booked stops, each pinned to its booked minute. */
function exactCheck(
  check: ScheduleCheck,
  policy: ReturnType<typeof planPolicySchema.parse>,
  stops: readonly Stop[],
  points: readonly LngLat[],
  time: Float64Array,
): boolean {
  const { vehicle, legs } = check;
  const R = legs.length;
  const nodes = 2 * R + 2;
  const origin = Math.min(...legs.map((l) => l.pickupAt)) - 24 * 60 * MIN;
  const minutes = (ms: number): number => (ms - origin) / MIN;
  const loc = new Int32Array(nodes);
  const early = new Float64Array(nodes);
  const late = new Float64Array(nodes);
  const service = new Float64Array(nodes);
  const demand = new Int32Array(nodes * DIMS);
  const infection = new Uint8Array(R);
  const dirty = new Uint8Array(R);
  for (const stop of stops) {
    const leg = legs[stop.leg]!;
    const node = stop.pickup ? stop.leg : R + stop.leg;
    loc[node] = stop.loc;
    early[node] = minutes(stop.at) - TOLERANCE_MIN;
    late[node] = minutes(stop.at) + TOLERANCE_MIN;
    service[node] = serviceOf(leg);
    const load = loadOf(leg);
    for (let k = 0; k < DIMS; k++) demand[node * DIMS + k] = stop.pickup ? load[k]! : -load[k]!;
    infection[stop.leg] = INFECTION_INDEX[leg.infectionClass];
    dirty[stop.leg] = dirties(leg, policy) ? 1 : 0;
  }
  const horizon = minutes(Math.max(...legs.map((l) => l.dropoffAt))) + 24 * 60;
  // The depots are the vehicle's base, open all day: the check is of the stops, not of the shift.
  early[2 * R] = 0;
  late[2 * R] = horizon;
  early[2 * R + 1] = 0;
  late[2 * R + 1] = horizon;
  const inst: Instance = {
    nReq: R,
    nVeh: 1,
    dims: DIMS,
    loc,
    early,
    late,
    service,
    demand,
    maxRide: new Float64Array(R).fill(horizon),
    infection,
    dirty,
    tier: new Uint8Array(R),
    unservedPenalty: new Float64Array(R),
    pinned: new Int32Array(R).fill(-1),
    capacity: Int32Array.from([
      vehicle.seats,
      vehicle.wheelchairPlaces,
      vehicle.stretchers,
      policy.onePatientPerVehicle ? 1 : 1000,
    ]),
    maxDuration: Float64Array.from([horizon]),
    disinfection: Float64Array.from([vehicle.disinfectionMinutes]),
    profile: Int32Array.from([0]),
    costWeight: Float64Array.from([1]),
    assignPenalty: null,
    nLoc: points.length,
    cost: new Float64Array(points.length * points.length),
    time: [time],
  };
  const seq = new Int32Array(stops.length + 2);
  seq[0] = 2 * R;
  stops.forEach((stop, p) => {
    seq[p + 1] = stop.pickup ? stop.leg : R + stop.leg;
  });
  seq[seq.length - 1] = 2 * R + 1;
  return schedule(inst, 0, seq, seq.length);
}

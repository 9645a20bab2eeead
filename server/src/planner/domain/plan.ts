import type { PlanInput, Reason, UnservedCode } from '@lastmeter/shared/planner.ts';
import {
  emptyRoutes,
  repair,
  type SearchStats,
  type Solution,
  search,
  solutionCost,
  type Team,
} from '../engine/alns.ts';
import { bestInsertion } from '../engine/insertion.ts';
import { createRng } from '../engine/rng.ts';
import { buildRoute, compactSchedule, lastEffectiveService, type Route, schedule } from '../engine/route.ts';
import { buildProblem, isDelivery, needsAmbulance, type Problem, parseInput } from './build.ts';
import type { TravelTimeModel } from './travel.ts';

export interface PlanStop {
  legId: string;
  tripId: string;
  type: 'pickup' | 'dropoff';
  location: [number, number];
  arrival: number;
  start: number;
  departure: number;
  disinfectedUntil?: number;
}

export interface PlanRoute {
  vehicleId: string;
  start: number;
  end: number;
  stops: PlanStop[];
  kilometres: number;
}

export interface UnservedLeg {
  legId: string;
  tripId: string;
  reason: Reason<UnservedCode>;
}

export interface PlanStats {
  /** Legs of round trips (deliveries are counted apart). */
  legs: number;
  served: number;
  /** Medicine deliveries in the problem, and how many got a vehicle. */
  deliveries: number;
  deliveriesServed: number;
  vehiclesUsed: number;
  vehicleHours: number;
  kilometres: number;
  meanRideMinutes: number;
  iterations: number;
  elapsedMs: number;
}

/** A plan: routes with stop times, legs left out with a reason, will-call legs not yet released. */
export interface Plan {
  routes: PlanRoute[];
  unserved: UnservedLeg[];
  awaitingRelease: string[];
  stats: PlanStats;
}

export interface PlanOptions {
  /** Search budget (default 2 s). */
  timeLimitMs?: number;
  /** Iteration cap; with it, a given seed gives the same plan on any machine. */
  maxIterations?: number;
  seed?: number;
  clock?: () => number;
  /** Clock value the budget counts from (a team's threads share it); default: when the search starts. */
  startedAt?: number;
  /** Cooperating searches in other threads (`threads/`); alone when absent. */
  team?: Team;
}

const MS_PER_MIN = 60000;

/**
 * Initial routes: each vehicle's fixed stops in their order. Legs whose fixed stops are
 * incomplete are left for the repair step, which can put them only on their own vehicle.
 */
function fixedRoutes(problem: Problem): { routes: Route[]; pending: number[] } {
  const { inst, fixedNodes } = problem;
  const routes = emptyRoutes(inst);
  const pending: number[] = [];
  const placed = new Uint8Array(inst.nReq);
  fixedNodes.forEach((nodes, v) => {
    const count = new Map<number, number>();
    for (const node of nodes) {
      const r = node < inst.nReq ? node : node - inst.nReq;
      count.set(r, (count.get(r) ?? 0) + 1);
    }
    let keep = nodes.filter((node) => count.get(node < inst.nReq ? node : node - inst.nReq) === 2);
    let route = buildRoute(inst, v, keep);
    // A late vehicle can no longer make every accepted stop: drop legs from the end until it can.
    while (!route && keep.length > 0) {
      const last = keep[keep.length - 1]!;
      const r = last < inst.nReq ? last : last - inst.nReq;
      keep = keep.filter((node) => node !== r && node !== inst.nReq + r);
      route = buildRoute(inst, v, keep);
    }
    if (route) routes[v] = route;
    for (const node of keep) if (node < inst.nReq) placed[node] = 1;
  });
  for (let r = 0; r < inst.nReq; r++) if (placed[r] === 0) pending.push(r);
  return { routes, pending };
}

/** Full day plan: fixed stops kept, everything else scheduled by the ALNS under a time budget. */
export function planDay(options: { input: PlanInput; travel: TravelTimeModel } & PlanOptions): Plan {
  const problem = buildProblem(parseInput(options.input), options.travel);
  return solveProblem(problem, options);
}

export function solveProblem(problem: Problem, options: PlanOptions): Plan {
  const { inst } = problem;
  const seed = options.seed ?? 1;
  const { routes, pending } = fixedRoutes(problem);
  const unserved = repair(inst, routes, pending, 2, createRng(seed), 0);
  const initial: Solution = { routes, unserved, cost: solutionCost(inst, routes, unserved) };
  const { best, stats } = search(inst, {
    timeLimitMs: options.timeLimitMs ?? 2000,
    seed,
    initial,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.startedAt !== undefined ? { startedAt: options.startedAt } : {}),
    ...(options.team ? { team: options.team } : {}),
  });
  return toPlan(problem, closeLoops(problem, best), stats);
}

/**
 * 一来一回: a scheduled trip is booked both ways or not at all. When one leg found no vehicle,
 * the other is taken out too. An emergency outbound leg
 * stays: getting the patient to care comes first, and the missing return is reported.
 */
export function closeLoops(problem: Problem, sol: Solution): Solution & { linked: Set<number> } {
  const { inst, legs, legIndex } = problem;
  const linked = new Set<number>();
  const out = new Set(sol.unserved);
  for (const r of sol.unserved) {
    const leg = legs[r]!;
    // A delivery is one-way: there is no other leg to close the loop with.
    if (isDelivery(leg) || leg.trip.urgency === 'emergency' || leg.onboardVehicle >= 0) continue;
    const other = legIndex.get(leg.direction === 'outbound' ? `${leg.tripId}:ret` : `${leg.tripId}:out`);
    if (other === undefined || out.has(other) || inst.pinned[other]! >= 0) continue;
    out.add(other);
    linked.add(other);
  }
  if (linked.size === 0) return { ...sol, linked };
  // Removing a leg can, rarely, make a route infeasible (the vehicle now empties earlier and
  // must be disinfected first); such a leg stays booked and only its partner is reported.
  const routes = sol.routes.map((rt) => {
    let current = rt;
    for (let p = 1; p < rt.seq.length - 1; p++) {
      const node = rt.seq[p]!;
      if (node >= inst.nReq || !linked.has(node)) continue;
      const interior: number[] = [];
      for (let x = 1; x < current.seq.length - 1; x++) {
        const n = current.seq[x]!;
        if (n !== node && n !== inst.nReq + node) interior.push(n);
      }
      const next = buildRoute(inst, rt.v, interior);
      if (next) current = next;
      else {
        linked.delete(node);
        out.delete(node);
      }
    }
    return current;
  });
  const unserved = [...out];
  return { routes, unserved, cost: solutionCost(inst, routes, unserved), linked };
}

/** Why a leg has no vehicle, from the cheapest evidence: kinds, sizes, then hours, then load. */
function diagnose(problem: Problem, r: number): UnservedCode {
  const { inst, input, legs } = problem;
  const ref = legs[r]!;
  const ambulance = !isDelivery(ref) && needsAmbulance(ref.trip);
  const V = inst.nVeh;
  if (ambulance && !input.vehicles.some((v) => v.kind === 'ambulance_120')) return 'no_ambulance';
  const compatible: number[] = [];
  for (let v = 0; v < V; v++) {
    if (inst.assignPenalty && inst.assignPenalty[r * V + v] === Number.POSITIVE_INFINITY) continue;
    let fits = true;
    for (let k = 0; k < inst.dims; k++)
      if (inst.demand[r * inst.dims + k]! > inst.capacity[v * inst.dims + k]!) fits = false;
    if (fits) compatible.push(v);
  }
  if (compatible.length === 0) return ambulance ? 'no_ambulance' : 'no_compatible_vehicle';
  const probe = { cost: 0, i: 0, j: 0 };
  const alone = compatible.some((v) => {
    const empty = buildRoute(inst, v, []);
    return empty !== null && bestInsertion(inst, empty, r, probe) < Number.POSITIVE_INFINITY;
  });
  return alone ? 'fleet_busy' : 'outside_vehicle_hours';
}

/**
 * Plan in domain terms. `knownReasons` carries the reasons of legs that were already unserved
 * and were not retried (online operations), so they are not diagnosed again.
 */
export function toPlan(
  problem: Problem,
  sol: Solution & { linked?: Set<number> },
  stats: SearchStats,
  knownReasons?: ReadonlyMap<string, Reason<UnservedCode>>,
): Plan {
  const { inst, legs, points, origin, input } = problem;
  const R = inst.nReq;
  const at = (min: number): number => Math.round(origin + min * MS_PER_MIN);
  const routes: PlanRoute[] = [];
  let rideSum = 0;
  let served = 0;
  let parcels = 0;
  let hours = 0;
  let km = 0;
  for (const rt of sol.routes) {
    if (rt.seq.length <= 2) continue;
    const len = rt.seq.length;
    if (!schedule(inst, rt.v, rt.seq, len)) throw new Error(`route of vehicle ${rt.v} is infeasible`);
    const ds = lastEffectiveService(len);
    const B = compactSchedule(inst, rt.v, rt.seq, len);
    const tt = inst.time[inst.profile[rt.v]!]!;
    const stops: PlanStop[] = [];
    let routeKm = 0;
    const pickupStart = new Map<number, number>();
    for (let p = 1; p < len; p++) {
      const a = inst.loc[rt.seq[p - 1]!]!;
      const b = inst.loc[rt.seq[p]!]!;
      routeKm += inst.cost[a * inst.nLoc + b]!;
      if (p === len - 1) break;
      const node = rt.seq[p]!;
      const pickup = node < R;
      const r = pickup ? node : node - R;
      const arrival = B[p - 1]! + ds[p - 1]! + tt[a * inst.nLoc + b]!;
      const dwell = inst.service[node]!;
      const stop: PlanStop = {
        legId: legs[r]!.legId,
        tripId: legs[r]!.tripId,
        type: pickup ? 'pickup' : 'dropoff',
        location: [...points[b]!],
        arrival: at(arrival),
        start: at(B[p]!),
        departure: at(B[p]! + dwell),
      };
      if (ds[p]! > dwell) stop.disinfectedUntil = at(B[p]! + ds[p]!);
      stops.push(stop);
      if (pickup) pickupStart.set(r, B[p]! + dwell);
      else if (isDelivery(legs[r]!)) parcels++;
      else {
        rideSum += B[p]! - pickupStart.get(r)!;
        served++;
      }
    }
    hours += (B[len - 1]! - B[0]!) / 60;
    km += routeKm;
    routes.push({
      vehicleId: input.vehicles[rt.v]!.id,
      start: at(B[0]!),
      end: at(B[len - 1]!),
      stops,
      kilometres: routeKm,
    });
  }
  const unserved: UnservedLeg[] = sol.unserved
    .slice()
    .sort((a, b) => a - b)
    .map((r) => ({
      legId: legs[r]!.legId,
      tripId: legs[r]!.tripId,
      reason: knownReasons?.get(legs[r]!.legId) ?? {
        code: sol.linked?.has(r) ? 'linked_leg_unserved' : diagnose(problem, r),
        params: {},
      },
    }));
  return {
    routes,
    unserved,
    awaitingRelease: [...problem.awaitingRelease],
    stats: {
      legs: R - problem.input.deliveries.length,
      served,
      deliveries: problem.input.deliveries.length,
      deliveriesServed: parcels,
      vehiclesUsed: routes.length,
      vehicleHours: hours,
      kilometres: km,
      meanRideMinutes: served > 0 ? rideSum / served : 0,
      iterations: stats.iterations,
      elapsedMs: stats.elapsedMs,
    },
  };
}

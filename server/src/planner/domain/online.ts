import type { PlanInput, PlanTrip } from '@lastmeter/shared/planner.ts';
import { emptyRoutes, repair } from '../engine/alns.ts';
import { createRng } from '../engine/rng.ts';
import { buildRoute, type Route } from '../engine/route.ts';
import { buildProblem, type Problem, parseInput } from './build.ts';
import { closeLoops, type Plan, toPlan } from './plan.ts';
import type { TravelTimeModel } from './travel.ts';

/**
 * Online operations on a live plan. Each keeps every other leg on its vehicle in its order
 * (only times move) and changes just what the event forces: the new legs, the cancelled
 * legs, the broken vehicle's legs, or the legs a late vehicle can no longer make.
 */
export interface LivePlan {
  input: PlanInput;
  plan: Plan;
}

interface OnlineBase {
  live: LivePlan;
  travel: TravelTimeModel;
  seed?: number;
}

/** The live plan's routes on a (possibly changed) problem; stops that no longer fit are trimmed from the end. */
function liveRoutes(problem: Problem, plan: Plan): { routes: Route[]; trimmed: number[] } {
  const { inst, legIndex, input } = problem;
  const routes = emptyRoutes(inst);
  const trimmed: number[] = [];
  const vIndex = new Map(input.vehicles.map((v, i) => [v.id, i]));
  for (const pr of plan.routes) {
    const v = vIndex.get(pr.vehicleId);
    if (v === undefined) continue;
    let nodes: number[] = [];
    for (const s of pr.stops) {
      const r = legIndex.get(s.legId);
      if (r !== undefined) nodes.push(s.type === 'pickup' ? r : inst.nReq + r);
    }
    const complete = (node: number): boolean => {
      const r = node < inst.nReq ? node : node - inst.nReq;
      return nodes.includes(r) && nodes.includes(inst.nReq + r);
    };
    nodes = nodes.filter(complete);
    let route = buildRoute(inst, v, nodes);
    while (!route) {
      // Give up the latest leg that is not accepted (pinned); accepted legs are never handed over.
      const last = nodes.findLast((n) => inst.pinned[n < inst.nReq ? n : n - inst.nReq]! < 0);
      if (last === undefined) break;
      const r = last < inst.nReq ? last : last - inst.nReq;
      nodes = nodes.filter((n) => n !== r && n !== inst.nReq + r);
      trimmed.push(r);
      route = buildRoute(inst, v, nodes);
    }
    if (route) routes[v] = route;
  }
  return { routes, trimmed };
}

/**
 * Places the legs the event concerns and, when the event freed capacity, retries the legs not
 * routed yet; nothing already routed moves.
 */
function finish(
  problem: Problem,
  previous: Plan,
  input: PlanInput,
  routes: Route[],
  pending: number[],
  seed: number,
  retryUnrouted: boolean,
): LivePlan {
  const routed = routedLegs(routes, problem.inst.nReq);
  const pendingSet = new Set(pending);
  const stay: number[] = [];
  const all = [...pending];
  for (let r = 0; r < problem.inst.nReq; r++)
    if (!routed.has(r) && !pendingSet.has(r)) (retryUnrouted ? all : stay).push(r);
  const unserved = [...repair(problem.inst, routes, all, 2, createRng(seed), 0), ...stay];
  const sol = closeLoops(problem, { routes, unserved, cost: 0 });
  const stayIds = new Set(stay.map((r) => problem.legs[r]!.legId));
  const known = new Map(
    previous.unserved.filter((u) => stayIds.has(u.legId)).map((u) => [u.legId, u.reason]),
  );
  return { input, plan: toPlan(problem, sol, { iterations: 0, elapsedMs: 0, improvements: 0 }, known) };
}

function routedLegs(routes: readonly Route[], nReq: number): Set<number> {
  const set = new Set<number>();
  for (const rt of routes)
    for (let p = 1; p < rt.seq.length - 1; p++) if (rt.seq[p]! < nReq) set.add(rt.seq[p]!);
  return set;
}

/** Inserts one new trip (typically an emergency) at its cheapest feasible place; nothing else moves. */
export function insertTrip(options: OnlineBase & { trip: PlanTrip }): LivePlan {
  const { live, travel, trip } = options;
  const input: PlanInput = { ...live.input, trips: [...live.input.trips, trip] };
  const problem = buildProblem(parseInput(input), travel);
  const { routes, trimmed } = liveRoutes(problem, live.plan);
  const pending = [...trimmed];
  for (const leg of [`${trip.id}:out`, `${trip.id}:ret`]) {
    const r = problem.legIndex.get(leg);
    if (r !== undefined) pending.push(r);
  }
  return finish(problem, live.plan, input, routes, pending, options.seed ?? 1, false);
}

/** The hospital marked a will-call patient ready: the return leg joins the plan; nothing else moves. */
export function releaseReturn(options: OnlineBase & { tripId: string; releasedAt: number }): LivePlan {
  const { live, travel, tripId, releasedAt } = options;
  const input: PlanInput = {
    ...live.input,
    trips: live.input.trips.map((t) =>
      t.id === tripId && t.returnMode.kind === 'will_call'
        ? { ...t, returnMode: { kind: 'will_call', releasedAt } }
        : t,
    ),
  };
  const problem = buildProblem(parseInput(input), travel);
  const { routes, trimmed } = liveRoutes(problem, live.plan);
  const r = problem.legIndex.get(`${tripId}:ret`);
  return finish(
    problem,
    live.plan,
    input,
    routes,
    r === undefined ? trimmed : [...trimmed, r],
    options.seed ?? 1,
    false,
  );
}

/** Cancels a trip: its stops disappear; previously unserved legs may take the freed time. */
export function cancelTrip(options: OnlineBase & { tripId: string }): LivePlan {
  const { live, travel, tripId } = options;
  const input: PlanInput = {
    ...live.input,
    trips: live.input.trips.filter((t) => t.id !== tripId),
    vehicles: live.input.vehicles.map((v) => ({
      ...v,
      fixedStops: (v.fixedStops ?? []).filter((s) => !s.legId.startsWith(`${tripId}:`)),
      onboardLegs: (v.onboardLegs ?? []).filter((l) => !l.startsWith(`${tripId}:`)),
    })),
  };
  const problem = buildProblem(parseInput(input), travel);
  const { routes, trimmed } = liveRoutes(problem, live.plan);
  return finish(problem, live.plan, input, routes, trimmed, options.seed ?? 1, true);
}

/**
 * A vehicle broke down: it leaves the plan and its legs not yet picked up go to other vehicles.
 * Patients already on board need a rescue trip from the breakdown point, which dispatch creates;
 * until then they are reported unserved with `vehicle_broken_down`.
 */
export function breakDownVehicle(options: OnlineBase & { vehicleId: string }): LivePlan {
  const { live, travel, vehicleId } = options;
  const broken = live.input.vehicles.find((v) => v.id === vehicleId);
  if (!broken) throw new Error(`unknown vehicle ${vehicleId}`);
  const stranded = new Set(broken.onboardLegs ?? []);
  // Stranded legs leave the problem until dispatch books the rescue: an outbound one counts as
  // no longer to plan (its return still is), a return one takes its trip out.
  const input: PlanInput = {
    ...live.input,
    vehicles: live.input.vehicles.filter((v) => v.id !== vehicleId),
    trips: live.input.trips
      .filter((t) => !stranded.has(`${t.id}:ret`))
      .map((t) => (stranded.has(`${t.id}:out`) ? { ...t, outboundDone: true } : t)),
  };
  const problem = buildProblem(parseInput(input), travel);
  const { routes, trimmed } = liveRoutes(problem, live.plan);
  const result = finish(problem, live.plan, input, routes, trimmed, options.seed ?? 1, true);
  for (const legId of stranded)
    result.plan.unserved.push({
      legId,
      tripId: legId.replace(/:(out|ret)$/, ''),
      reason: { code: 'vehicle_broken_down', params: { vehicle: vehicleId } },
    });
  return result;
}

/**
 * A vehicle is delayed: it is free only from `at`/`time`. Its route keeps as many of its legs
 * as it can still make, in order; the rest (never legs on board) move to other vehicles.
 */
export function replanAfterDelay(
  options: OnlineBase & { vehicleId: string; availableFrom: { at: [number, number]; time: number } },
): LivePlan {
  const { live, travel, vehicleId, availableFrom } = options;
  let input: PlanInput = {
    ...live.input,
    vehicles: live.input.vehicles.map((v) => (v.id === vehicleId ? { ...v, availableFrom } : v)),
  };
  let problem = buildProblem(parseInput(input), travel);
  const first = liveRoutes(problem, live.plan);
  if (first.trimmed.length > 0) {
    // Legs the late vehicle gave up are no longer accepted by it: unpin them so others can take them.
    const released = new Set(first.trimmed.map((r) => problem.legs[r]!.legId));
    input = {
      ...input,
      vehicles: input.vehicles.map((v) =>
        v.id === vehicleId
          ? { ...v, fixedStops: (v.fixedStops ?? []).filter((s) => !released.has(s.legId)) }
          : v,
      ),
    };
    problem = buildProblem(parseInput(input), travel);
  }
  const { routes, trimmed } = liveRoutes(problem, live.plan);
  return finish(problem, live.plan, input, routes, trimmed, options.seed ?? 1, true);
}

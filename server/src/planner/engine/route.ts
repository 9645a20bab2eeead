import { endOf, type Instance, startOf } from './instance.ts';

/** Floating tolerance for time comparisons; well under the shared checker's 1e-6. */
export const EPS = 1e-7;

/**
 * One vehicle's route with the caches that make insertion checks O(1) per position:
 * earliest service starts, latest service starts (backward; both within the route's duration
 * limit and on plain service times, see `cacheScheduled`), effective service times
 * (disinfection included), load and on-board infection classes after each position.
 * Routes are immutable once built: a change builds a new Route, so a solution copy is a
 * shallow array copy and undoing a rejected move is a reference swap.
 */
export interface Route {
  readonly v: number;
  /** Node ids including both depots. */
  readonly seq: Int32Array;
  readonly earliest: Float64Array;
  readonly latest: Float64Array;
  readonly effService: Float64Array;
  /** (positions × dims) load after each position. */
  readonly load: Int32Array;
  /** (positions × 3) passengers of each infection class on board after each position. */
  readonly onboard: Int32Array;
  /**
   * Smallest ride-time slack, over passengers on board after each position, against their
   * travel-only ride (no waiting): a detour longer than this there is surely infeasible.
   */
  readonly rideSlack: Float64Array;
  /** Travel time and (unweighted) cost of the arc from each position to the next. */
  readonly arcTime: Float64Array;
  readonly arcCost: Float64Array;
  /** Travel cost × vehicle weight + assignment penalties. */
  readonly cost: number;
}

let cap = 0;
let sB = new Float64Array(0);
let sW = new Float64Array(0);
let sDs = new Float64Array(0);
let sPick = new Int32Array(0);
let sLoad = new Int32Array(0);
let stamp = new Int32Array(0);
let stampPos = new Int32Array(0);
let curStamp = 0;
let sAlong = new Float64Array(64);

/**
 * Route caches are carved out of shared slabs: a typed array with a buffer of its own costs a
 * backing-store allocation the garbage collector tracks, about ten times a view on a slab, and
 * routes are built by the hundred thousand per second of search. Slabs are small, so a long-lived
 * route pins little memory with it; a slab region is never reused, so it starts zeroed.
 */
const SLAB = 4096;
let floatSlab = new Float64Array(SLAB);
let floatUsed = 0;
let intSlab = new Int32Array(SLAB);
let intUsed = 0;

function slabFloats(n: number): Float64Array {
  if (n > SLAB >> 2) return new Float64Array(n);
  if (floatUsed + n > SLAB) {
    floatSlab = new Float64Array(SLAB);
    floatUsed = 0;
  }
  const out = floatSlab.subarray(floatUsed, floatUsed + n);
  floatUsed += n;
  return out;
}

/** A copy of `src` on a slab (see `slabFloats`). */
export function slabCopy(src: Int32Array): Int32Array {
  const out = slabInts(src.length);
  out.set(src);
  return out;
}

/** A zeroed Int32Array of n from a slab (see `slabFloats`). */
function slabInts(n: number): Int32Array {
  if (n > SLAB >> 2) return new Int32Array(n);
  if (intUsed + n > SLAB) {
    intSlab = new Int32Array(SLAB);
    intUsed = 0;
  }
  const out = intSlab.subarray(intUsed, intUsed + n);
  intUsed += n;
  return out;
}

function ensure(size: number, nReq: number, dims: number): void {
  if (size > cap) {
    cap = Math.max(size, cap * 2, 64);
    sB = new Float64Array(cap);
    sW = new Float64Array(cap);
    sDs = new Float64Array(cap);
    sPick = new Int32Array(cap);
  }
  if (stamp.length < nReq) {
    stamp = new Int32Array(nReq);
    stampPos = new Int32Array(nReq);
    curStamp = 0;
  }
  if (sLoad.length < dims) sLoad = new Int32Array(dims);
}

/** Service start times of the last successful `schedule` call (positions 0..len-1). */
export function lastSchedule(len: number): Float64Array {
  return sB.slice(0, len);
}

/**
 * A compact schedule for the route of the last successful `schedule` call: leave the depot as
 * late as possible (its latest feasible start), then every stop as early as the constraints
 * allow. It is the least feasible schedule above that start (difference constraints form a
 * lattice), so it exists, and it ends as early as possible: what drivers and vehicle-hours need.
 *
 * A route that carries an emergency instead leaves as early as it may: an ambulance does not idle at
 * its base to save minutes on its route while a patient waits. The least schedule above the earliest
 * start lies below the feasible one componentwise, so only the route-duration limit can fail; then
 * the late start stands.
 */
export function compactSchedule(inst: Instance, v: number, seq: Int32Array, len: number): Float64Array {
  const urgent = seq.slice(1, len - 1).some((node) => node < inst.nReq && inst.tier[node] === 1);
  if (urgent) {
    const early = leastScheduleFrom(inst, v, seq, len, inst.early[seq[0]!]!);
    if (early[len - 1]! - early[0]! <= inst.maxDuration[v]! + 1e-9) return early;
  }
  return leastScheduleFrom(inst, v, seq, len, sB[0]!);
}

function leastScheduleFrom(
  inst: Instance,
  v: number,
  seq: Int32Array,
  len: number,
  depart: number,
): Float64Array {
  const { loc, nLoc, early, service, maxRide, nReq } = inst;
  const tt = inst.time[inst.profile[v]!]!;
  const q = len - 1;
  const B = new Float64Array(len);
  B[0] = depart;
  for (let p = 1; p <= q; p++) B[p] = early[seq[p]!]!;
  for (let round = 0; round <= q + 2; round++) {
    for (let p = 1; p <= q; p++) {
      const x = B[p - 1]! + sDs[p - 1]! + tt[loc[seq[p - 1]!]! * nLoc + loc[seq[p]!]!]!;
      if (x > B[p]!) B[p] = x;
    }
    let changed = false;
    for (let p = 1; p < q; p++) {
      const pp = sPick[p]!;
      if (pp < 0) continue;
      const x = B[p]! - maxRide[seq[p]! - nReq]! - service[seq[pp]!]!;
      if (x > B[pp]! + 1e-12) {
        B[pp] = x;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return B;
}

/** Effective service times of the last `schedule` call (disinfection included). */
export function lastEffectiveService(len: number): Float64Array {
  return sDs.slice(0, len);
}

function forward(inst: Instance, tt: Float64Array, seq: Int32Array, from: number, to: number): boolean {
  const { loc, early, late, nLoc } = inst;
  for (let p = from; p <= to; p++) {
    const node = seq[p]!;
    const a = sB[p - 1]! + sDs[p - 1]! + tt[loc[seq[p - 1]!]! * nLoc + loc[node]!]!;
    const e = early[node]!;
    if (a < e) {
      sB[p] = e;
      sW[p] = e - a;
    } else {
      sB[p] = a;
      sW[p] = 0;
      if (a > late[node]! + EPS) return false;
    }
  }
  return true;
}

/**
 * Exact feasibility and schedule of one route (seq includes both depots). Checks precedence,
 * every load dimension and infection-class separation, adds disinfection time where the
 * vehicle empties after a dirty passenger, rejects quickly when even the earliest schedule
 * misses a window, then decides the timing exactly (`latestSchedule`). On success the
 * service start times are readable through `lastSchedule`.
 */
export function schedule(inst: Instance, v: number, seq: Int32Array, len: number): boolean {
  if (!prepare(inst, v, seq, len)) return false;
  const q = len - 1;
  const tt = inst.time[inst.profile[v]!]!;
  const start = seq[0]!;
  sB[0] = inst.early[start]!;
  sW[0] = 0;
  if (!forward(inst, tt, seq, 1, q)) return false;

  return latestSchedule(inst, v, tt, seq, q);
}

/**
 * The sequence part of `schedule`: precedence, loads, infection-class separation, and the
 * effective service times (disinfection) and pickup positions the timing and caches read.
 */
function prepare(inst: Instance, v: number, seq: Int32Array, len: number): boolean {
  const { nReq, dims, demand, capacity, infection, dirty, service } = inst;
  ensure(len, nReq, dims);
  curStamp++;
  if (curStamp === 0x7fffffff) {
    stamp.fill(0);
    curStamp = 1;
  }
  const q = len - 1;
  const capOff = v * dims;
  for (let k = 0; k < dims; k++) sLoad[k] = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let onboard = 0;
  let dirtyOnboard = false;
  sDs[0] = service[seq[0]!]!;
  sPick[0] = -1;
  sDs[q] = service[seq[q]!]!;
  sPick[q] = -1;
  for (let p = 1; p < q; p++) {
    const node = seq[p]!;
    sDs[p] = service[node]!;
    const pickup = node < nReq;
    const r = pickup ? node : node - nReq;
    const off = node * dims;
    for (let k = 0; k < dims; k++) {
      const l = sLoad[k]! + demand[off + k]!;
      if (l > capacity[capOff + k]!) return false;
      sLoad[k] = l;
    }
    const cls = infection[r]!;
    if (pickup) {
      if (stamp[r] === curStamp) return false;
      stamp[r] = curStamp;
      stampPos[r] = p;
      sPick[p] = -1;
      onboard++;
      if (cls === 0) c0++;
      else if (cls === 1) c1++;
      else c2++;
      if ((c0 > 0 ? 1 : 0) + (c1 > 0 ? 1 : 0) + (c2 > 0 ? 1 : 0) > 1) return false;
      if (dirty[r] === 1) dirtyOnboard = true;
    } else {
      if (stamp[r] !== curStamp || stampPos[r]! < 0) return false;
      sPick[p] = stampPos[r]!;
      stampPos[r] = -1;
      onboard--;
      if (cls === 0) c0--;
      else if (cls === 1) c1--;
      else c2--;
      if (onboard === 0 && dirtyOnboard) {
        sDs[p] = sDs[p]! + inst.disinfection[v]!;
        dirtyOnboard = false;
      }
    }
  }
  return onboard === 0;
}

/**
 * Timing of a fixed sequence: windows, travel, ride times and route duration are difference
 * constraints, so Bellman-Ford from "every stop at its window end" either converges to the
 * latest feasible schedule or proves there is none. Each round is one backward sweep over
 * the travel chain (which settles it fully) followed by the ride-time and duration edges;
 * more than q + 2 rounds means a negative cycle. A latest schedule also keeps ride times short:
 * pickups happen as late as the rest allows.
 */
function latestSchedule(inst: Instance, v: number, tt: Float64Array, seq: Int32Array, q: number): boolean {
  const { loc, nLoc, late, early, service, maxRide, nReq } = inst;
  const maxDur = inst.maxDuration[v]!;
  for (let p = 0; p <= q; p++) sB[p] = late[seq[p]!]!;
  for (let round = 0; round <= q + 2; round++) {
    for (let p = q - 1; p >= 0; p--) {
      const x = sB[p + 1]! - sDs[p]! - tt[loc[seq[p]!]! * nLoc + loc[seq[p + 1]!]!]!;
      if (x < sB[p]!) {
        sB[p] = x;
        if (x < early[seq[p]!]! - EPS) return false;
      }
    }
    let changed = false;
    for (let p = 1; p < q; p++) {
      const pp = sPick[p]!;
      if (pp < 0) continue;
      const x = sB[pp]! + service[seq[pp]!]! + maxRide[seq[p]! - nReq]!;
      if (x < sB[p]! - 1e-12) {
        sB[p] = x;
        changed = true;
      }
    }
    const x = sB[0]! + maxDur;
    if (x < sB[q]! - 1e-12) {
      sB[q] = x;
      changed = true;
    }
    if (!changed) {
      for (let p = 0; p <= q; p++) if (sB[p]! < early[seq[p]!]! - EPS) return false;
      return true;
    }
  }
  return false;
}

/** Vehicle v's stops between its own start and end depots, on a slab. */
function withDepots(inst: Instance, v: number, interior: ArrayLike<number>): Int32Array {
  const len = interior.length + 2;
  const seq = slabInts(len);
  seq[0] = startOf(inst, v);
  for (let p = 0; p < interior.length; p++) seq[p + 1] = interior[p]!;
  seq[len - 1] = endOf(inst, v);
  return seq;
}

/** Builds a route with its caches, or null when it is infeasible. */
export function buildRoute(inst: Instance, v: number, interior: ArrayLike<number>): Route | null {
  const seq = withDepots(inst, v, interior);
  if (!schedule(inst, v, seq, seq.length)) return null;
  return cacheScheduled(inst, v, seq);
}

/**
 * A feasible route with some of its requests taken out. Where every travel-time profile keeps the
 * triangle inequality and nobody needs disinfection, the old schedule restricted to the stops left
 * still meets every window, ride time and the duration limit (going straight is never slower than
 * going via the removed stops), so no schedule is computed: only the caches. Otherwise the route
 * is built and checked like any other (an emptying point that moves can add disinfection time).
 */
export function shrunkRoute(inst: Instance, v: number, interior: ArrayLike<number>): Route | null {
  if (!removalKeepsFeasible(inst)) return buildRoute(inst, v, interior);
  return cacheRoute(inst, v, withDepots(inst, v, interior));
}

/** Locations up to which the triangle inequality is checked (cubic); larger instances build routes. */
const TRIANGLE_CHECK_MAX = 400;
const removalSafe = new WeakMap<Instance, boolean>();
function removalKeepsFeasible(inst: Instance): boolean {
  let safe = removalSafe.get(inst);
  if (safe === undefined) {
    safe = inst.nLoc <= TRIANGLE_CHECK_MAX && !inst.dirty.some((d) => d === 1);
    const n = inst.nLoc;
    for (const tt of inst.time) {
      for (let a = 0; a < n && safe; a++)
        for (let b = 0; b < n && safe; b++) {
          const ab = tt[a * n + b]!;
          for (let c = 0; c < n; c++)
            if (tt[a * n + c]! > ab + tt[b * n + c]! + 1e-9) {
              safe = false;
              break;
            }
        }
      if (!safe) break;
    }
    removalSafe.set(inst, safe);
  }
  return safe;
}

/** Builds the caches of a route already known to be feasible (the search keeps only those). */
export function cacheRoute(inst: Instance, v: number, seq: Int32Array): Route {
  // The effective service times (disinfection) and pickup positions are what the caches need.
  prepare(inst, v, seq, seq.length);
  return cacheScheduled(inst, v, seq);
}

/** Caches of a route whose `schedule` (or `prepare`) call was the last one made. */
function cacheScheduled(inst: Instance, v: number, seq: Int32Array): Route {
  const {
    dims,
    demand,
    nReq,
    infection,
    loc,
    nLoc,
    early,
    late,
    service,
    cost: cm,
    assignPenalty,
    nVeh,
  } = inst;
  const len = seq.length;
  const q = len - 1;
  const tt = inst.time[inst.profile[v]!]!;
  const earliest = slabFloats(len);
  const latest = slabFloats(len);
  const effService = slabFloats(len);
  for (let p = 0; p < len; p++) effService[p] = sDs[p]!;
  const rideSlack = slabFloats(len);
  const arcTime = slabFloats(len);
  const arcCost = slabFloats(len);
  const load = slabInts(len * dims);
  const onboard = slabInts(len * 3);
  earliest[0] = early[seq[0]!]!;
  let travel = 0;
  let penalty = 0;
  for (let p = 1; p < len; p++) {
    const a = seq[p - 1]!;
    const b = seq[p]!;
    const la = loc[a]! * nLoc + loc[b]!;
    const c = cm[la]!;
    const t = tt[la]!;
    arcCost[p - 1] = c;
    arcTime[p - 1] = t;
    travel += c;
    earliest[p] = Math.max(early[b]!, earliest[p - 1]! + service[seq[p - 1]!]! + t);
    for (let k = 0; k < dims; k++)
      load[p * dims + k] = load[(p - 1) * dims + k]! + (p < q ? demand[b * dims + k]! : 0);
    for (let c = 0; c < 3; c++) onboard[p * 3 + c] = onboard[(p - 1) * 3 + c]!;
    if (p < q) {
      const pickup = b < nReq;
      const r = pickup ? b : b - nReq;
      onboard[p * 3 + infection[r]!] = onboard[p * 3 + infection[r]!]! + (pickup ? 1 : -1);
      if (pickup && assignPenalty) penalty += assignPenalty[r * nVeh + v]!;
    }
  }
  const maxDur = inst.maxDuration[v]!;
  latest[q] = Math.min(late[seq[q]!]!, late[seq[0]!]! + maxDur);
  for (let p = q - 1; p >= 0; p--) {
    const a = seq[p]!;
    latest[p] = Math.min(late[a]!, latest[p + 1]! - service[a]! - arcTime[p]!);
  }
  // Both chains use plain service times, not the disinfection: an insertion that keeps someone on
  // board past an emptying moves that disinfection later (where a wait may absorb it), so the
  // bounds must not count it where it is now. Disinfection only adds time, so they stay bounds.
  // The duration limit ties both ends: the vehicle leaves no earlier than its earliest return less
  // the limit, and returns no later than its latest departure plus it. Inserting stops (travel
  // keeps the triangle inequality) only delays the earliest times and advances the latest ones, so
  // the narrowed bounds still hold for every insertion into this route, and screening rejects
  // placements that would stretch a full-length shift without an exact check (all of pr10's
  // vehicles work their full 480 minutes). Not for a route with another head or tail: the tail
  // exchange screens on window-only bounds of its own.
  const e0 = earliest[q]! - maxDur;
  if (e0 > earliest[0]! + EPS) {
    earliest[0] = e0;
    for (let p = 1; p < len; p++)
      earliest[p] = Math.max(early[seq[p]!]!, earliest[p - 1]! + service[seq[p - 1]!]! + arcTime[p - 1]!);
  }
  const lq = latest[0]! + maxDur;
  if (lq < latest[q]! - EPS) {
    latest[q] = lq;
    for (let p = q - 1; p >= 0; p--)
      latest[p] = Math.min(late[seq[p]!]!, latest[p + 1]! - service[seq[p]!]! - arcTime[p]!);
  }
  // Travel-only time from the start of the route to each position, to get minimal ride times.
  if (sAlong.length < len) sAlong = new Float64Array(Math.max(len, 2 * sAlong.length));
  const along = sAlong;
  along[0] = 0;
  for (let p = 1; p < len; p++) along[p] = along[p - 1]! + effService[p - 1]! + arcTime[p - 1]!;
  rideSlack.fill(Number.POSITIVE_INFINITY);
  for (let p = 1; p < q; p++) {
    const node = seq[p]!;
    if (node < nReq) continue;
    const r = node - nReq;
    const pp = sPick[p]!;
    const slackR = inst.maxRide[r]! - (along[p]! - along[pp]! - effService[pp]!);
    for (let x = pp; x < p; x++) if (slackR < rideSlack[x]!) rideSlack[x] = slackR;
  }
  return {
    v,
    seq,
    earliest,
    latest,
    effService,
    load,
    onboard,
    rideSlack,
    arcTime,
    arcCost,
    cost: travel * inst.costWeight[v]! + penalty,
  };
}

import { type Instance, transposeOf } from './instance.ts';
import type { Rng } from './rng.ts';
import type { Route } from './route.ts';
import { schedule } from './route.ts';

/** Where a request goes in a route: pickup after position `i`, drop-off after position `j` (j ≥ i). */
export interface Placement {
  cost: number;
  i: number;
  j: number;
}

/**
 * How many full schedule checks one request/route pair may spend before giving up.
 * The candidate list costs little: an exact search that tracks only the cheapest candidate (and falls
 * back to the list when it fails) took as long on pr16 and a8-96 (3,000 iterations, one thread, the
 * same plans), and confirming the screen's cheapest placement with one exact check in the local
 * search and regret repair, instead of an exact search, took longer (13.9 s against 10.8 s on pr16,
 * one run each).
 */
const MAX_FULL_CHECKS = 24;

let candCost = new Float64Array(256);
let candI = new Int32Array(256);
let candJ = new Int32Array(256);
let trial = new Int32Array(64);

function pushCandidate(n: number, cost: number, i: number, j: number): number {
  if (n === candCost.length) {
    const c = new Float64Array(n * 2);
    c.set(candCost);
    candCost = c;
    const a = new Int32Array(n * 2);
    a.set(candI);
    candI = a;
    const b = new Int32Array(n * 2);
    b.set(candJ);
    candJ = b;
  }
  candCost[n] = cost;
  candI[n] = i;
  candJ[n] = j;
  return n + 1;
}

/** Writes the route with the request inserted into the shared trial buffer; returns its length. */
export function buildTrial(inst: Instance, route: Route, r: number, i: number, j: number): Int32Array {
  const seq = route.seq;
  const len = seq.length + 2;
  if (trial.length < len) trial = new Int32Array(Math.max(len, trial.length * 2));
  let w = 0;
  for (let p = 0; p <= i; p++) trial[w++] = seq[p]!;
  trial[w++] = r;
  for (let p = i + 1; p <= j; p++) trial[w++] = seq[p]!;
  trial[w++] = inst.nReq + r;
  for (let p = j + 1; p < seq.length; p++) trial[w++] = seq[p]!;
  return trial.subarray(0, len);
}

/**
 * Cheapest feasible insertion of request r into a route. Every (i, j) pair is screened in
 * O(1) with the route's caches — cost delta, earliest arrival vs. latest start downstream,
 * load in each dimension, infection class on board, travel-only ride time — and the
 * survivors are checked exactly, cheapest first, so usually one full check decides.
 * Returns Infinity when no feasible placement is found. With `verify` false the exact check is
 * skipped: the result is the cheapest screened candidate, a lower bound on the true cost that
 * callers confirm lazily (only the placements they are about to use). With `noise` > 0 every candidate's
 * cost is perturbed by up to ±noise, so the search also tries positions that are not the
 * cheapest (Ropke & Pisinger's noised insertion).
 *
 * `cutoff` (without noise): the caller has no use for a placement costing that much or more, so
 * placements at or above it are not looked at; when no cheaper one exists the result is Infinity.
 * A finite result is the same as without a cutoff. A pickup position whose own detour reaches it
 * ends that position's scan (the drop-off's detour never subtracts where costs keep the triangle
 * inequality), which on a route far from the request ends the whole call after one pass.
 */
export function bestInsertion(
  inst: Instance,
  route: Route,
  r: number,
  out: Placement,
  noise = 0,
  rng: Rng | null = null,
  verify = true,
  cutoff = Number.POSITIVE_INFINITY,
): number {
  const v = route.v;
  const { nVeh, dims, demand, capacity, loc, nLoc, early, late, service, infection } = inst;
  const pen = inst.assignPenalty ? inst.assignPenalty[r * nVeh + v]! : 0;
  if (pen === Number.POSITIVE_INFINITY) return pen;
  const P = r;
  const D = inst.nReq + r;
  const pOff = P * dims;
  const cOff = v * dims;
  for (let k = 0; k < dims; k++) if (demand[pOff + k]! > capacity[cOff + k]!) return Number.POSITIVE_INFINITY;
  // One load dimension and nobody of another infection class anywhere: a capacity check alone.
  const plain = dims === 1 && !hasClasses(inst);
  const room = capacity[cOff]! - demand[pOff]!;
  const tt = inst.time[inst.profile[v]!]!;
  const cm = inst.cost;
  // "From a stop of the route to P or D" is read from the transposes' rows (see transposeOf);
  // the route's own arcs from its caches.
  const ttT = transposeOf(tt, nLoc);
  const cmT = transposeOf(cm, nLoc);
  const w = inst.costWeight[v]!;
  const { seq, earliest: E, latest: Lt, effService: ds, load, onboard, rideSlack, arcTime, arcCost } = route;
  const lP = loc[P]! * nLoc;
  const lD = loc[D]! * nLoc;
  const lDc = loc[D]!;
  const eP = early[P]!;
  const lateP = late[P]!;
  const eD = early[D]!;
  const lateD = late[D]!;
  const dP = service[P]!;
  const dD = service[D]!;
  const L = inst.maxRide[r]!;
  const cls = infection[r]!;
  const tPD = tt[lP + lDc]!;
  if (tPD > L + 1e-9 || eP + dP + tPD > lateD) return Number.POSITIVE_INFINITY;
  const cPD = cm[lP + lDc]!;
  const q = seq.length - 1;
  let n = 0;

  // Whatever follows the pickup starts no earlier than eP + dP, and latest starts never decrease
  // along a route (each is at most the next one's minus service and travel): every position whose
  // successor must start before eP + dP fails the screens below, so start past them (binary search).
  const need = eP + dP;
  let lo = 0;
  let hi = q;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Lt[mid + 1]! < need) lo = mid + 1;
    else hi = mid;
  }
  // Screening without noise keeps only the cheapest candidate, so it skips every pickup position
  // whose detour alone already costs as much: with costs that keep the triangle inequality (distances,
  // shortest-path times) the drop-off's detour never subtracts, so nothing after such a pickup is
  // cheaper. The same placements as a full scan (pr10 and a8-96 under an iteration limit), a few per
  // cent less CPU on pr10. Noised screening draws a perturbation per candidate and scans them all.
  const noisy = noise > 0 && rng !== null;
  const screenOnly = !verify && !noisy;
  // Costs below are the route's own; the assignment penalty comes on top. The slack keeps every
  // placement that rounding could put on the caller's side of its cutoff.
  const cut = noisy ? Number.POSITIVE_INFINITY : cutoff - pen + 1e-9;
  let bestC = screenOnly ? cut : Number.POSITIVE_INFINITY;
  let bestI = -1;
  let bestJ = -1;
  for (let i = lo; i < q; i++) {
    if (E[i]! > lateP) break;
    const la = loc[seq[i]!]!;
    const b = seq[i + 1]!;
    const lb = loc[b]!;
    const cAB = arcCost[i]!;
    const cAP = cmT[lP + la]!;
    const deltaP = w * (cAP + cm[lP + lb]! - cAB);
    if (deltaP >= (screenOnly ? bestC : cut)) continue;
    const tAP = ttT[lP + la]!;
    const arrP = E[i]! + ds[i]! + tAP;
    if (arrP > lateP) continue;
    if (plain ? load[i]! > room : !fits(load, onboard, demand, capacity, dims, pOff, cOff, cls, i)) continue;
    const BP = Math.max(arrP, eP);
    const slackI = rideSlack[i]!;
    const tAB = arcTime[i]!;
    // Pickup and drop-off back to back.
    if (tAP + dP + tPD + dD + tt[lD + lb]! - tAB <= slackI) {
      let BD = BP + dP + tPD;
      if (BD < eD) BD = eD;
      if (BD <= lateD && BD + dD + tt[lD + lb]! <= Lt[i + 1]!) {
        const c = w * (cAP + cPD + cm[lD + lb]! - cAB);
        if (!screenOnly) {
          if (c < cut) n = pushCandidate(n, c, i, i);
        } else if (c < bestC) {
          bestC = c;
          bestI = i;
          bestJ = i;
        }
      }
    }
    if (tAP + dP + tt[lP + lb]! - tAB > slackI) continue;
    let arr = BP + dP + tt[lP + lb]!;
    let Ecur = Math.max(arr, early[b]!);
    if (Ecur > Lt[i + 1]!) continue;
    let ride = tt[lP + lb]!;
    for (let j = i + 1; j < q; j++) {
      if (plain ? load[j]! > room : !fits(load, onboard, demand, capacity, dims, pOff, cOff, cls, j)) break;
      const sj = seq[j]!;
      const lj = loc[sj]!;
      // Plain service: with r on board the vehicle does not empty here, so no disinfection.
      const dj = service[sj]!;
      const sn = seq[j + 1]!;
      const ln = loc[sn]!;
      const tjD = ttT[lD + lj]!;
      const tjn = arcTime[j]!;
      if (ride + dj + tjD > L) break;
      let BD = Ecur + dj + tjD;
      if (BD < eD) BD = eD;
      if (BD <= lateD) {
        const tDn = tt[lD + ln]!;
        if (BD + dD + tDn <= Lt[j + 1]! && tjD + dD + tDn - tjn <= rideSlack[j]!) {
          const c = deltaP + w * (cmT[lD + lj]! + cm[lD + ln]! - arcCost[j]!);
          if (!screenOnly) {
            if (c < cut) n = pushCandidate(n, c, i, j);
          } else if (c < bestC) {
            bestC = c;
            bestI = i;
            bestJ = j;
          }
        }
      } else if (Ecur > lateD) break;
      arr = Ecur + dj + tjn;
      ride += dj + tjn;
      Ecur = Math.max(arr, early[sn]!);
      if (Ecur > Lt[j + 1]!) break;
    }
  }

  if (screenOnly) {
    if (bestI < 0) return Number.POSITIVE_INFINITY;
    out.cost = bestC + pen;
    out.i = bestI;
    out.j = bestJ;
    return out.cost;
  }
  if (noisy) for (let c = 0; c < n; c++) candCost[c] = candCost[c]! + noise * (2 * rng.next() - 1);
  if (!verify) {
    if (n === 0) return Number.POSITIVE_INFINITY;
    let best = 0;
    for (let c = 1; c < n; c++) if (candCost[c]! < candCost[best]!) best = c;
    out.cost = candCost[best]! + pen;
    out.i = candI[best]!;
    out.j = candJ[best]!;
    return out.cost;
  }
  for (let attempt = 0; attempt < MAX_FULL_CHECKS && n > 0; attempt++) {
    let best = 0;
    for (let c = 1; c < n; c++) if (candCost[c]! < candCost[best]!) best = c;
    const bi = candI[best]!;
    const bj = candJ[best]!;
    const bc = candCost[best]!;
    const t = buildTrial(inst, route, r, bi, bj);
    if (schedule(inst, v, t, t.length)) {
      out.cost = bc + pen;
      out.i = bi;
      out.j = bj;
      return out.cost;
    }
    n--;
    candCost[best] = candCost[n]!;
    candI[best] = candI[n]!;
    candJ[best] = candJ[n]!;
  }
  return Number.POSITIVE_INFINITY;
}

const withClasses = new WeakMap<Instance, boolean>();
/** Whether any request has an infection class other than 0 (then classes must be kept apart). */
function hasClasses(inst: Instance): boolean {
  let has = withClasses.get(inst);
  if (has === undefined) {
    has = inst.infection.some((c) => c !== 0);
    withClasses.set(inst, has);
  }
  return has;
}

function fits(
  load: Int32Array,
  onboard: Int32Array,
  demand: Int32Array,
  capacity: Int32Array,
  dims: number,
  pOff: number,
  cOff: number,
  cls: number,
  pos: number,
): boolean {
  const lo = pos * dims;
  for (let k = 0; k < dims; k++) if (load[lo + k]! + demand[pOff + k]! > capacity[cOff + k]!) return false;
  const oo = pos * 3;
  for (let c = 0; c < 3; c++) if (c !== cls && onboard[oo + c]! > 0) return false;
  return true;
}

import { bestInsertion, buildTrial, type Placement } from './insertion.ts';
import { type Instance, nodeCount } from './instance.ts';
import { localSearch } from './local-search.ts';
import { partition } from './partition.ts';
import { RoutePool, vehicleClasses } from './pool.ts';
import { recombineAround } from './recombine.ts';
import { createRng, type Rng } from './rng.ts';
import { buildRoute, cacheRoute, type Route, shrunkRoute, slabCopy } from './route.ts';

/** A plan in engine terms: one route per vehicle (index = vehicle) and the requests left out. */
export interface Solution {
  readonly routes: Route[];
  readonly unserved: number[];
  readonly cost: number;
}

export interface SearchOptions {
  /** Wall-clock budget; the best plan found by then is returned. */
  readonly timeLimitMs: number;
  /**
   * Stop after this many iterations (per thread of a team): with it, epochs are counted in
   * iterations too, so a seed gives the same plan on any machine (unless the time budget cuts it).
   */
  readonly maxIterations?: number;
  readonly seed: number;
  /** Warm start, e.g. the live plan or the fixed legs; otherwise built by regret insertion. */
  readonly initial?: Solution;
  /** Monotonic clock in ms; injectable so the core stays free of ambient state in tests. */
  readonly clock?: () => number;
  /** Clock value the budget counts from (default: the clock when the search starts); a team shares it. */
  readonly startedAt?: number;
  /** The other searches (threads) this one cooperates with; alone when absent. */
  readonly team?: Team;
  /** Iterations per epoch under an iteration limit (default: a tenth of it, 50 to 1000). */
  readonly epochIterations?: number;
  /** Epoch length under a time budget (default: a twelfth of it, 200 ms to 2.5 s). */
  readonly epochMs?: number;
}

export interface SearchStats {
  readonly iterations: number;
  readonly elapsedMs: number;
  readonly improvements: number;
  /** Epochs whose set-partitioning recombination found a better plan than the best one. */
  readonly recombinations?: number;
  /** Routes in the pool at the end. */
  readonly poolSize?: number;
}

/** A solution as plain data that crosses threads: each vehicle's stops (no depots). */
export interface WireSolution {
  readonly routes: Int32Array[];
  readonly unserved: number[];
  readonly cost: number;
}

/** What a search tells its team at the end of an epoch. */
export interface EpochReport {
  readonly best: WireSolution;
  /** Routes it pooled since its last report. */
  readonly routes: { cls: number; interior: Int32Array; cost: number }[];
  /** Its budget (time or iterations) is spent: the team stops after this epoch. */
  readonly done: boolean;
  readonly iterations: number;
}

/**
 * Cooperating searches (threads): at the end of every epoch each one reports its best plan and
 * new routes and blocks until it has every member's report for that epoch, its own included, in
 * member order. Epochs end on iteration counts under an iteration limit, so the exchange is
 * deterministic.
 */
export interface Team {
  readonly index: number;
  readonly size: number;
  trade(epoch: number, own: EpochReport): EpochReport[];
}

const placement: Placement = { cost: 0, i: 0, j: 0 };

export function solutionCost(inst: Instance, routes: readonly Route[], unserved: readonly number[]): number {
  let c = 0;
  for (const r of routes) c += r.cost;
  for (const u of unserved) c += inst.unservedPenalty[u]!;
  return c;
}

/** One empty route (depot to depot) per vehicle. */
export function emptyRoutes(inst: Instance): Route[] {
  const routes: Route[] = [];
  for (let v = 0; v < inst.nVeh; v++) {
    const r = buildRoute(inst, v, []);
    if (!r) throw new Error(`vehicle ${v}: an empty route is infeasible (shift or depot windows)`);
    routes.push(r);
  }
  return routes;
}

/** Inserts the route change chosen by `bestInsertion` and returns the new route. */
function applyInsertion(inst: Instance, route: Route, r: number, i: number, j: number): Route {
  return cacheRoute(inst, route.v, slabCopy(buildTrial(inst, route, r, i, j)));
}

/** Removes requests (marked in `removed`) from a route; null when what is left is infeasible. */
function withoutRequests(inst: Instance, route: Route, removed: Uint8Array): Route | null {
  const seq = route.seq;
  const interior: number[] = [];
  for (let p = 1; p < seq.length - 1; p++) {
    const node = seq[p]!;
    const r = node < inst.nReq ? node : node - inst.nReq;
    if (removed[r] !== 1) interior.push(node);
  }
  if (interior.length === seq.length - 2) return route;
  return shrunkRoute(inst, route.v, interior);
}

/**
 * Regret-k insertion (k = 1 is greedy, k = 0 random order): repeatedly inserts the request whose best placement
 * would cost the most to postpone. Higher tiers go first. Costs per (request, route) are
 * cached and only the changed route's column is recomputed after each insertion.
 * Returns the requests that could not be placed.
 */
export function repair(
  inst: Instance,
  routes: Route[],
  pending: readonly number[],
  k: number,
  rng: Rng | null,
  noise: number,
): number[] {
  const left: number[] = [];
  const tiers = [...new Set(pending.map((r) => inst.tier[r]!))].sort((a, b) => b - a);
  for (const tier of tiers) {
    const group = pending.filter((r) => inst.tier[r] === tier);
    if (k === 0 && rng) left.push(...repairSequential(inst, routes, shuffled(group, rng), rng, noise));
    else if (group.length > REGRET_MAX)
      left.push(
        ...repairSequential(
          inst,
          routes,
          group.sort((a, b) => inst.late[a]! - inst.late[b]!),
          rng,
          noise,
        ),
      );
    else left.push(...repairGroup(inst, routes, group, k, rng, noise));
  }
  return left;
}

/**
 * Regret keeps a cost per (request, route) and recomputes a column per insertion: quadratic in
 * the number of requests. Above this many (a whole district's day) requests are inserted one by
 * one in order of their pickup deadline instead.
 */
const REGRET_MAX = 300;
/**
 * Set partitioning looks at the newest routes of the pool (and the best plan's), within a node
 * budget: a recombination should cost a small share of an epoch. It pays: recombining only every
 * other epoch ended a6-72 and a7-84 0.16–0.65 % further from the best known (20 s CPU, seeds 1–2,
 * all four runs); twice as many epochs, a 0.3 share with twice the around-budget, or four routes per
 * neighbourhood did no better on a6-72 (0.56–1.11 % against 0.50/0.71 %).
 */
const RECOMBINE_COLUMNS = 4000;
const RECOMBINE_NODES = 30_000;
/**
 * On a large instance the partition over the whole pool seldom beats the best plan (traced on
 * a8-96 and pr10: once in a dozen epochs at most) while it takes most of a recombination's time,
 * which the search would spend better. After each one that finds nothing it sits out twice as many
 * recombinations as before, up to this many; one that finds a better plan brings it back every time.
 */
const PARTITION_SKIP_MAX = 8;
/**
 * Set partitioning around the best plan (`recombineAround`): neighbourhoods of this many of its
 * routes, as many neighbourhoods as it has routes (at most AROUND_TRIES), each within a node budget.
 * Five routes, with a bound that keeps the fleet (see `partition.ts`), ended pr05/06/09/10/15/16 at
 * 2.67 % mean against 2.46 % (20 s CPU, seeds 1–2).
 */
const AROUND_ROUTES = 3;
const AROUND_TRIES = 32;
const AROUND_NODES = 20_000;
/**
 * Unserved requests retried per ALNS iteration.
 *
 * A request the repair cannot place makes the candidate worthless on a benchmark day (its penalty
 * dwarfs the plan): about 13 % of pr10's candidates early in the search, 4.5 % late. Three ways of using
 * those iterations, each measured at 20 s CPU on pr05/06/09/10/15/16, seeds 1–2 (2.46 % mean
 * against the best known): pricing a left-out request in the walk at 2× (or 6×) the plan's travel per
 * request, raised while the walk leaves one out and lowered while it does not, 2.85 % (2.68 %);
 * ejecting a related request to make room and moving it to another route, 2.84 % (40 % fewer
 * iterations); exact instead of screened costs in the regret matrix, so regrets never rest on bounds,
 * 2.94 % (25 % fewer iterations).
 */
const UNSERVED_RETRY = 8;

function shuffled(items: readonly number[], rng: Rng): number[] {
  const order = items.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Cheapest-route choice with lazy confirmation: `cost` holds screened lower bounds (exact = 0) or
 * exact costs (exact = 1) per route. The cheapest entry is confirmed with the exact check until
 * the cheapest one is exact: then no other route can beat it, since every bound is ≤ its true cost.
 * Most requests need one exact check instead of one per route. Returns the route, or -1 when no
 * route can take the request for less than `cutoff`.
 */
function lazyMin(
  inst: Instance,
  routes: readonly Route[],
  r: number,
  cost: Float64Array,
  pi: Int32Array,
  pj: Int32Array,
  exact: Uint8Array,
  noise: number,
  rng: Rng | null,
  cutoff = Number.POSITIVE_INFINITY,
): number {
  for (;;) {
    let best = -1;
    let bestCost = cutoff;
    for (let v = 0; v < routes.length; v++) {
      if (cost[v]! < bestCost) {
        bestCost = cost[v]!;
        best = v;
      }
    }
    if (best < 0 || exact[best] === 1) return best;
    cost[best] = bestInsertion(inst, routes[best]!, r, placement, noise, rng);
    pi[best] = placement.i;
    pj[best] = placement.j;
    exact[best] = 1;
  }
}

let seqCost = new Float64Array(0);
let seqI = new Int32Array(0);
let seqJ = new Int32Array(0);
let seqExact = new Uint8Array(0);

/** Screens request r against every route (lower bounds, to be confirmed by `lazyMin`). */
function screenAll(
  inst: Instance,
  routes: readonly Route[],
  r: number,
  noise: number,
  rng: Rng | null,
): void {
  const V = routes.length;
  if (seqCost.length < V) {
    seqCost = new Float64Array(V);
    seqI = new Int32Array(V);
    seqJ = new Int32Array(V);
    seqExact = new Uint8Array(V);
  }
  for (let v = 0; v < V; v++) {
    seqCost[v] = bestInsertion(inst, routes[v]!, r, placement, noise, rng, false);
    seqI[v] = placement.i;
    seqJ[v] = placement.j;
    seqExact[v] = 0;
  }
}

/**
 * Sequential insertion in the given order, each request at its cheapest place over all routes.
 * Cheaper than regret (no cost matrix to maintain); in random order it escapes the trap where
 * always inserting the cheapest request first leaves no room for a hard one.
 */
function repairSequential(
  inst: Instance,
  routes: Route[],
  order: readonly number[],
  rng: Rng | null,
  noise: number,
): number[] {
  const left: number[] = [];
  for (const r of order) {
    screenAll(inst, routes, r, noise, rng);
    const v = lazyMin(inst, routes, r, seqCost, seqI, seqJ, seqExact, noise, rng);
    if (v < 0) left.push(r);
    else routes[v] = applyInsertion(inst, routes[v]!, r, seqI[v]!, seqJ[v]!);
  }
  return left;
}

/**
 * Regret-k over a cost matrix of screened lower bounds, confirmed lazily: before a request is
 * inserted, the k entries its regret rests on are made exact and the choice is made again, so
 * what is inserted is always feasible and its regret exact; other requests' regrets may rest on
 * bounds until they come up. This spends a handful of exact checks per insertion instead of one
 * per (request, route) pair.
 */
function repairGroup(
  inst: Instance,
  routes: Route[],
  group: number[],
  k: number,
  rng: Rng | null,
  noise: number,
): number[] {
  const V = routes.length;
  const m = group.length;
  const cost = new Float64Array(m * V);
  const pi = new Int32Array(m * V);
  const pj = new Int32Array(m * V);
  const exact = new Uint8Array(m * V);
  const alive = new Uint8Array(m).fill(1);
  const evaluate = (a: number, v: number, verify: boolean): void => {
    cost[a * V + v] = bestInsertion(inst, routes[v]!, group[a]!, placement, noise, rng, verify);
    pi[a * V + v] = placement.i;
    pj[a * V + v] = placement.j;
    exact[a * V + v] = verify ? 1 : 0;
  };
  for (let a = 0; a < m; a++) for (let v = 0; v < V; v++) evaluate(a, v, false);
  const kk = Math.max(k, 1);
  const top = new Float64Array(kk);
  const topV = new Int32Array(kk);
  let remaining = m;
  while (remaining > 0) {
    let pick = -1;
    let pickV = -1;
    let pickScore = Number.NEGATIVE_INFINITY;
    let pickCost = Number.POSITIVE_INFINITY;
    for (let a = 0; a < m; a++) {
      if (alive[a] === 0) continue;
      top.fill(Number.POSITIVE_INFINITY);
      let bestV = -1;
      for (let v = 0; v < V; v++) {
        const c = cost[a * V + v]!;
        if (c >= top[kk - 1]!) continue;
        if (c < top[0]!) bestV = v;
        let h = kk - 1;
        while (h > 0 && top[h - 1]! > c) {
          top[h] = top[h - 1]!;
          h--;
        }
        top[h] = c;
      }
      if (bestV < 0) continue;
      const c1 = top[0]!;
      let score = -c1;
      if (k > 1) {
        score = 0;
        for (let h = 1; h < k; h++) score += top[h] === Number.POSITIVE_INFINITY ? 1e12 : top[h]! - c1;
      }
      if (score > pickScore || (score === pickScore && c1 < pickCost)) {
        pick = a;
        pickV = bestV;
        pickScore = score;
        pickCost = c1;
      }
    }
    if (pick < 0) break;
    // Confirm the entries the choice rests on: the pick's k cheapest routes.
    top.fill(Number.POSITIVE_INFINITY);
    topV.fill(-1);
    for (let v = 0; v < V; v++) {
      const c = cost[pick * V + v]!;
      if (c >= top[kk - 1]!) continue;
      let h = kk - 1;
      while (h > 0 && top[h - 1]! > c) {
        top[h] = top[h - 1]!;
        topV[h] = topV[h - 1]!;
        h--;
      }
      top[h] = c;
      topV[h] = v;
    }
    let confirmed = true;
    for (let h = 0; h < kk; h++) {
      const v = topV[h]!;
      if (v >= 0 && exact[pick * V + v] === 0) {
        evaluate(pick, v, true);
        confirmed = false;
      }
    }
    if (!confirmed) continue;
    const r = group[pick]!;
    routes[pickV] = applyInsertion(inst, routes[pickV]!, r, pi[pick * V + pickV]!, pj[pick * V + pickV]!);
    alive[pick] = 0;
    remaining--;
    for (let a = 0; a < m; a++) if (alive[a] === 1) evaluate(a, pickV, false);
  }
  const left: number[] = [];
  for (let a = 0; a < m; a++) if (alive[a] === 1) left.push(group[a]!);
  return left;
}

interface Located {
  route: Int32Array;
  posP: Int32Array;
  posD: Int32Array;
}

function locate(inst: Instance, routes: readonly Route[]): Located {
  const R = inst.nReq;
  const route = new Int32Array(R).fill(-1);
  const posP = new Int32Array(R);
  const posD = new Int32Array(R);
  for (const rt of routes) {
    const s = rt.seq;
    for (let p = 1; p < s.length - 1; p++) {
      const node = s[p]!;
      if (node < R) {
        route[node] = rt.v;
        posP[node] = p;
      } else posD[node - R] = p;
    }
  }
  return { route, posP, posD };
}

export type Destroy = (
  inst: Instance,
  routes: readonly Route[],
  served: number[],
  q: number,
  rng: Rng,
) => number[];

function pickBiased(len: number, rng: Rng, power: number): number {
  return Math.floor(rng.next() ** power * len);
}

const randomRemoval: Destroy = (_inst, _routes, served, q, rng) => {
  const pool = served.slice();
  const out: number[] = [];
  for (let t = 0; t < q && pool.length > 0; t++) {
    const idx = rng.int(pool.length);
    out.push(pool[idx]!);
    pool[idx] = pool[pool.length - 1]!;
    pool.pop();
  }
  return out;
};

const worstRemoval: Destroy = (inst, routes, served, q, rng) => {
  const loc = locate(inst, routes);
  const { nLoc, cost: cm } = inst;
  const L = inst.loc;
  const c = (a: number, b: number): number => cm[L[a]! * nLoc + L[b]!]!;
  const gain = new Float64Array(inst.nReq);
  for (const r of served) {
    const rt = routes[loc.route[r]!]!;
    const s = rt.seq;
    const p = loc.posP[r]!;
    const d = loc.posD[r]!;
    let g: number;
    if (d === p + 1)
      g = c(s[p - 1]!, s[p]!) + c(s[p]!, s[d]!) + c(s[d]!, s[d + 1]!) - c(s[p - 1]!, s[d + 1]!);
    else
      g =
        c(s[p - 1]!, s[p]!) +
        c(s[p]!, s[p + 1]!) -
        c(s[p - 1]!, s[p + 1]!) +
        c(s[d - 1]!, s[d]!) +
        c(s[d]!, s[d + 1]!) -
        c(s[d - 1]!, s[d + 1]!);
    const pen = inst.assignPenalty ? inst.assignPenalty[r * inst.nVeh + rt.v]! : 0;
    gain[r] = g * inst.costWeight[rt.v]! + pen;
  }
  return highestBiased(served, gain, q, rng, 3);
};

/**
 * q requests out of `served`, highest score first with a bias (rank^power): the selection that
 * worst and historical removal share.
 */
function highestBiased(
  served: readonly number[],
  score: Float64Array,
  q: number,
  rng: Rng,
  power: number,
): number[] {
  const sorted = served.slice().sort((a, b) => score[b]! - score[a]!);
  const out: number[] = [];
  for (let t = 0; t < q && sorted.length > 0; t++)
    out.push(sorted.splice(pickBiased(sorted.length, rng, power), 1)[0]!);
  return out;
}

/** Moves the k-th smallest of `keys[items[lo..hi]]` to position k (Hoare's quickselect). */
function selectKth(items: Int32Array, keys: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = keys[items[(lo + hi) >> 1]!]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[items[i]!]! < pivot) i++;
      while (keys[items[j]!]! > pivot) j--;
      if (i <= j) {
        const t = items[i]!;
        items[i] = items[j]!;
        items[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

// Relatedness in raw units: on the Cordeau sets minutes outweigh distances, so Shaw removal takes out
// requests close in time. Normalised as Ropke & Pisinger do (distance / longest arc weighted 9, time /
// horizon 3, other route 0.5), pr05/06/09/10/15/16 at 20 s CPU, seeds 1–4, ended at 2.85 % against
// 2.57 %; with time weighted 9, 2.66 %.
const shawRemoval: Destroy = (inst, routes, served, q, rng) => {
  const loc = locate(inst, routes);
  const { nLoc, cost: cm, nReq } = inst;
  const L = inst.loc;
  const tP = new Float64Array(nReq);
  const tD = new Float64Array(nReq);
  for (const r of served) {
    const rt = routes[loc.route[r]!]!;
    tP[r] = rt.earliest[loc.posP[r]!]!;
    tD[r] = rt.earliest[loc.posD[r]!]!;
  }
  const rel = new Float64Array(nReq);
  const pool = Int32Array.from(served);
  let size = pool.length;
  const take = (idx: number): number => {
    const r = pool[idx]!;
    pool[idx] = pool[size - 1]!;
    size--;
    return r;
  };
  const out = [take(rng.int(size))];
  while (out.length < q && size > 0) {
    const a = out[rng.int(out.length)]!;
    for (let x = 0; x < size; x++) {
      const b = pool[x]!;
      rel[b] =
        cm[L[a]! * nLoc + L[b]!]! +
        cm[L[nReq + a]! * nLoc + L[nReq + b]!]! +
        Math.abs(tP[a]! - tP[b]!) +
        Math.abs(tD[a]! - tD[b]!) +
        (loc.route[a] === loc.route[b] ? 0 : 5);
    }
    const k = pickBiased(size, rng, 5);
    selectKth(pool, rel, 0, size - 1, k);
    out.push(take(k));
  }
  return out;
};

const routeRemoval: Destroy = (inst, routes, served, q, rng) => {
  const loc = locate(inst, routes);
  const used = routes.filter((rt) => rt.seq.length > 2);
  if (used.length === 0) return [];
  const v = used[rng.int(used.length)]!.v;
  const out = served.filter((r) => loc.route[r] === v);
  // Top up with random requests so that small routes still move enough.
  if (out.length < q) {
    const rest = served.filter((r) => loc.route[r] !== v);
    out.push(...randomRemoval(inst, routes, rest, q - out.length, rng));
  }
  return out;
};

// Also tried, at 20 s CPU, seeds 1–2 (a/b: a7-84…b8-96, 0.42 % mean; pr05/06/09/10/15/16, 2.46 %):
// removing two related routes whole (a random route and the route of the request nearest one of
// its requests) as a fifth operator: 0.52 / 2.60 %. The plans found for pr06, pr15 and pr16 leave
// two vehicles idle; a Shaw removal whose first request opens an idle vehicle's route, as a fifth
// operator, ended pr at 2.97 % (fewer iterations, no plan better where vehicles were idle).
// Paying the walk (not the best plan) a bonus per vehicle in use, so that idle vehicles open — also in
// insertion, where an empty route's cost drops by the bonus — at 20 s CPU on pr06, pr15, pr16 and a8-80
// (the instances whose plans leave vehicles idle): 0.3 of an average depot round trip throughout
// 2.05 / 2.29 % against 2.35 / 2.01 % (seeds 1–2 / 3–4), 0.6 throughout 2.04 % (seeds 1–2), a whole
// round trip fading out by half time 2.57 %. Fading, the plans closed the opened vehicles again;
// held throughout, some plans kept one or two more, no cheaper on the whole.
// String removal after Christiaens & Vanden Berghe's SISR (a string of consecutive stops out of each
// of the routes nearest a random request, until q requests are out), at 20 s CPU, seeds 1–2: as a
// fifth operator 0.46 / 2.39 % against 0.52 / 2.34 % (a/b, pr, measured the same day), in place of
// Shaw removal 0.52 % (a/b); as the only operator, with random-order and greedy insertion only (SISR's
// recreate), 0.78 % on a/b at four times the iterations.
// A time-slice removal (the q requests whose pickups are nearest in time to a random one's, from every
// route) as a fifth operator, pr05/06/09/10/15/16 at 20 s CPU: 2.47 / 2.82 % against 2.51 / 2.85 %
// (seeds 1–2 / 3–4, measured the same day): noise.
// A dual removal (each request's detour in its route less its Lagrangian dual value over the pool's
// newest routes, `partition.ts`, recomputed every epoch; highest first, bias rank^3) as a sixth
// operator, pr15 and pr16 at 40 s CPU, one thread, seeds 1–4: 1.67 % against 1.57 %.
// A span-shift removal (a route's first requests and the requests of other routes nearest in time
// after its end, or its last requests and those just before its start, so that the repair can slide
// a route's working span along the day where its duration limit binds) as a sixth operator, pr15 and
// pr16 at 40 s CPU, one thread, seeds 1–8: 1.43 / 2.11 % against 1.29 / 2.02 %.
const DESTROY: readonly Destroy[] = [randomRemoval, worstRemoval, shawRemoval, routeRemoval];

/**
 * What every arc (node to node) remembers for historical removal: the cost of the cheapest plan
 * the walk accepted with that arc in it. A dense table up to ARC_TABLE_MAX nodes (16 MB as
 * 32-bit floats), a map of the arcs seen above that (a whole district's day, few iterations).
 */
export class ArcMemory {
  private readonly table: Float32Array | null;
  private readonly seen = new Map<number, number>();
  constructor(private readonly nodes: number) {
    this.table = nodes <= ARC_TABLE_MAX ? new Float32Array(nodes * nodes).fill(NEVER) : null;
  }
  get(a: number, b: number): number {
    const k = a * this.nodes + b;
    return this.table ? this.table[k]! : (this.seen.get(k) ?? NEVER);
  }
  /** Every arc of the plan's routes remembers its cost if it is the cheapest one they were in. */
  remember(routes: readonly Route[], cost: number): void {
    const { table, seen, nodes } = this;
    for (const rt of routes) {
      const s = rt.seq;
      for (let p = 1; p < s.length; p++) {
        const k = s[p - 1]! * nodes + s[p]!;
        if (table) {
          if (cost < table[k]!) table[k] = cost;
        } else if (cost < (seen.get(k) ?? NEVER)) seen.set(k, cost);
      }
    }
  }
}
const ARC_TABLE_MAX = 2048;
/** An arc in no accepted plan yet: finite, so that scores still add and compare. */
const NEVER = 1e30;

/**
 * Historical node-pair removal (Ropke & Pisinger 2006, "A unified heuristic for a large class of
 * vehicle routing problems"): a request is scored by the four arcs that bring the vehicle to and
 * from its pickup and drop-off, each at the cost of the cheapest accepted plan it was ever part
 * of. Requests whose arcs have only sat in expensive plans are where the walk's plan is unlike its
 * best ones: they go first (a strong bias, rank^6, among the highest scores).
 *
 * Measured at 20 s CPU, one thread, pr05/06/09/10/15/16, 24 runs per figure (seeds 1–4 / 5–8), first
 * in a version that remembered only the walk's accepted plans (not recombined or team plans, whose
 * new arcs then stood first in line): as a fifth operator 2.01 / 2.16 % against 2.57 / 2.57 % with
 * bias rank^3, 1.83 / 1.96 % with rank^6, 2.02 % with rank^10 (seeds 1–4); on a7-84…b8-96 at 10 s
 * CPU, seeds 1–4, 0.41 % against 0.61 %. As it is, with regret-4: 1.85 / 1.80 %. Arcs that also
 * remember the candidates the walk did not accept: 2.06 % against 1.85 % (seeds 1–4).
 * Also measured, not kept: the same paper's request-graph removal (Shaw removal on how often two
 * requests shared a vehicle in the 100 cheapest accepted plans) as a sixth operator, pr16 at 20 s
 * CPU 2.11 % against 2.63 % (16 seeds), but pr05/06/09/10/15/16 2.10 % against 2.02 % (seeds 1–4)
 * and pr16 at 60 s wall on two threads 1.85 % against 1.84 % (seeds 1–4).
 */
export function historicalRemoval(memory: ArcMemory): Destroy {
  return (inst, routes, served, q, rng) => {
    const loc = locate(inst, routes);
    const score = new Float64Array(inst.nReq);
    for (const r of served) {
      const s = routes[loc.route[r]!]!.seq;
      const p = loc.posP[r]!;
      const d = loc.posD[r]!;
      score[r] =
        memory.get(s[p - 1]!, s[p]!) +
        memory.get(s[p]!, s[p + 1]!) +
        memory.get(s[d - 1]!, s[d]!) +
        memory.get(s[d]!, s[d + 1]!);
    }
    return highestBiased(served, score, q, rng, 6);
  };
}
/**
 * Repair variants: [regret k (0 = random order), noise as a share of the longest arc]. Regret-4
 * (with and without noise) beside regret-2/3, at 20 s CPU, one thread, pr05/06/09/10/15/16: 2.36 /
 * 2.47 % against 2.57 / 2.57 % (seeds 1–4 / 5–8); with the first version of historical removal
 * 1.73 / 1.61 % against 1.83 / 1.96 %, and with it as it is (which also remembers recombined and
 * team plans) 1.85 / 1.80 %. Regret-6 beside regret-4 ended at 2.61 % (seeds 1–4).
 */
const REPAIR: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 0.025],
  [1, 0],
  [2, 0],
  [3, 0],
  [4, 0],
  [1, 0.025],
  [2, 0.025],
  [3, 0.025],
  [4, 0.025],
];

const longestArc = new WeakMap<Instance, number>();
/** Longest arc of the cost matrix: the scale of insertion noise. */
function noiseScale(inst: Instance): number {
  let m = longestArc.get(inst);
  if (m === undefined) {
    m = 0;
    for (const c of inst.cost) if (c > m && c < 1e5) m = c;
    longestArc.set(inst, m);
  }
  return m;
}

/** Roulette-wheel choice by adaptive weight. */
function roulette(weights: Float64Array, rng: Rng): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x <= 0) return i;
  }
  return weights.length - 1;
}

/** Requests the search may move: routed and not pinned. */
function movable(inst: Instance, routes: readonly Route[]): number[] {
  const out: number[] = [];
  for (const rt of routes) {
    const s = rt.seq;
    for (let p = 1; p < s.length - 1; p++) {
      const node = s[p]!;
      if (node < inst.nReq && inst.pinned[node]! < 0) out.push(node);
    }
  }
  return out;
}

/**
 * Candidates within this share of the best plan's cost get the local search too (`localSearch`),
 * not only new best plans: a near-best plan is often one relocation or exchange away from a new
 * best, which ALNS's large moves find only by chance. Measured on a6-72…b8-96 at equal CPU time.
 */
// Re-measured on pr05/06/09/10/15/16 at 20 s CPU, one thread (12 runs per figure): without it
// above 100 requests 2.95 / 2.86 % mean (seeds 1–2 / 3–4) against 2.42 / 2.68 %; within 3 %
// instead of 1 % 2.86 % against 2.42 % (seeds 1–2).
// Re-measured with historical removal and regret-4 (10 s CPU, one thread): a8-80 and a8-96, seeds
// 1–8, within 3 % 0.21 % mean, 6 % 0.15 %, 12 % 0.18 %, against 0.53 % within 1 % (seeds 9–16: 3 %
// 0.24 % against 0.53 %); a6-72, a7-84, a8-64, b7-84, b8-80, b8-96, seeds 1–4, 6 % 0.13 % against
// 0.36 %. pr05/06/09/10/15/16 at 20 s CPU, seeds 1–4: 1.98 % against 2.02 % (a third of the
// iterations on pr16, no worse); at 60 s wall on two threads, seeds 1–2, pr15 1.30 / 0.90 % (the
// last bench's seed 1: 1.40 %) and pr16 1.37 / 1.34 % against 1.80 / 1.31 % the same day; the bench
// run after it (seed 1 again) ended pr15 at 2.21 % and pr16 at 2.23 %: one wall-clock run is a draw.
// The walk near its best is where the new best plans are: polishing every candidate within 6 %
// finds the last relocation or exchange the large moves leave undone.
// Re-measured on pr15 and pr16 at 40 s CPU, one thread (6 %: 1.57 / 1.76 % mean, seeds 1–4 / 5–8):
// within 2 %, 1.38 / 1.83 % at three times the iterations; within 1 %, 1.79 % (seeds 1–4). Polishing
// only moves that touch a route the repair changed in the first round: 1.79 % against 1.66 % (seeds
// 1–8) at the same number of iterations. On pr16 a sixth of the candidates polished cost exactly what
// the walk's plan costs (the repair put the plan back as it was); not polishing those, 1.59 % against
// 1.66 % (seeds 1–8): pr15 ran a third more iterations, pr16 no more.
// Re-measured after insertion took a cutoff (about twice the iterations), pr16 at 40 s CPU, one thread
// (6 %: 1.85 / 1.86 %, seeds 1–8 / 9–16): within 3 %, 1.59 / 2.04 % at 29,000 iterations against 16,800;
// within 12 %, 1.82 % (seeds 1–8).
const LOCAL_SEARCH_NEAR = 0.06;
/**
 * ... on instances at least this large: smaller ones reach the best known plans without it (a and
 * b sets up to 56 requests), where it would only slow each iteration.
 */
const LOCAL_SEARCH_NEAR_MIN = 50;

/** Initial plan: pinned requests first (in the order given), then regret-2 insertion. */
function construct(inst: Instance, rng: Rng): Solution {
  const routes = emptyRoutes(inst);
  const all: number[] = [];
  for (let r = 0; r < inst.nReq; r++) all.push(r);
  const unserved = repair(inst, routes, all, 2, rng, 0);
  return { routes, unserved, cost: solutionCost(inst, routes, unserved) };
}

/**
 * Adaptive large neighbourhood search (Ropke & Pisinger 2006) for the dial-a-ride problem:
 * random / worst / Shaw / route / historical node-pair removal, random-order, greedy and regret-2/3/4 insertion with
 * and without noise, a local search (`local-search.ts`: relocate, exchange, 2-opt*) on every new
 * best plan and every candidate within 6 % of it,
 * simulated-annealing acceptance on a time-based cooling schedule, adaptive operator weights.
 * Every accepted plan's new routes go into a pool; at the end of each epoch the searches of a
 * team trade their best plans and new routes, and one of them (in turn) recombines the pool by
 * set partitioning (`partition.ts`). Returns the best solution found.
 */
export function search(inst: Instance, opts: SearchOptions): { best: Solution; stats: SearchStats } {
  const clock = opts.clock ?? (() => performance.now());
  const t0 = opts.startedAt ?? clock();
  const team = opts.team;
  const rng = createRng(opts.seed);
  let current = opts.initial ?? construct(inst, rng);
  let best = current;
  const maxIter = opts.maxIterations ?? Number.POSITIVE_INFINITY;
  const iterationEpochs = Number.isFinite(maxIter);
  const epochIters = opts.epochIterations ?? Math.max(50, Math.min(1000, Math.ceil(maxIter / 10)));
  const epochMs = opts.epochMs ?? Math.max(200, Math.min(2500, opts.timeLimitMs / 12));
  // Under a time budget the last recombination must fit inside it.
  const recombineMs = 0.15 * epochMs;
  const searchEnd = iterationEpochs ? opts.timeLimitMs : Math.max(0, opts.timeLimitMs - recombineMs);
  const nMovable = movable(inst, current.routes).length + current.unserved.length;
  if (nMovable === 0 || nodeCount(inst) === 0 || maxIter <= 0)
    return { best, stats: { iterations: 0, elapsedMs: clock() - t0, improvements: 0 } };

  const { classOf, size: classSize } = vehicleClasses(inst);
  const pool = new RoutePool(inst, classOf, classSize);
  for (const rt of current.routes) pool.addRoute(rt);
  const vehiclesOf: number[][] = classSize.map(() => []);
  for (let v = 0; v < inst.nVeh; v++) vehiclesOf[classOf[v]!]!.push(v);
  const empty = emptyRoutes(inst);

  let travel = 0;
  for (const rt of current.routes) travel += rt.cost;
  // A 2 % worse plan is accepted half the time at the start, a 0.1 % worse one at the end: a flat
  // schedule keeps accepting small moves late, where a steep one had frozen the search (measured on
  // pr05–pr20 and a8/b8-96); a colder start (0.5 %) ended 0.2–3 % further from the best known on
  // pr10 and pr16 at the same CPU time. Re-measured at 20 s CPU, one thread, seeds 1/2, on a6-72
  // (0.50/0.71 %): tStart 1 % 0.81/1.03 %, 4 % 0.69/1.06 %, tEnd tStart/200 0.73/0.90 %.
  // Restarting the walk from the best plan after 1000 iterations without a new one ended a8-96 at
  // 2.01/1.67 % (against 1.06/1.52 %); after 2000, 0.15 % lower mean over 15 runs of six large
  // instances, but worse in 8 of them (seed 1 +0.07 %, seed 2 −0.46 %): noise so far.
  // On pr05/06/09/10/15/16 at 20 s CPU, seeds 1–2 (mean 2.42 %): tEnd tStart/200 2.56 %, tStart 0.5 %
  // 2.85 %; record-to-record acceptance (within 3 % of the best, shrinking to 0) 3.31 % against 2.67 %
  // at 30 s, seed 1.
  // Letting the walk break late window ends, ride and shift limits, priced per minute of the least
  // uniform relaxation that makes a route feasible (bisection on the exact check) at a price adapted
  // as Cordeau and Laporte do, ended pr05/06/09/10/15/16 at 20,000 iterations, seeds 1–2, at 2.37–3.04 %
  // against 2.43 % (up to 1, 2, 5 or 10 min; price from 5 or 20, steps of 5 or 20 %), a third fewer
  // iterations per second: a route already relaxed takes further breaks for free, so the walk drifts.
  // Splitting a 60 s budget into walks of 20 s, each from a fresh construction (best plan and pool
  // kept), ended those six at 60 s CPU, one thread, at 1.94 / 2.17 % against 2.12 / 2.30 % (seeds
  // 1–2 / 3–4; 30 s walks 2.05 %, 15 s walks 1.99 %), but `pnpm bench:darp --set pr` (two threads,
  // 60 s wall, seed 1, walks kept apart from the team's best) ended at 0.96 % mean, 2.96 % worst,
  // against 0.81 / 2.69 %, and `pnpm darp --threads 2`, 60 s wall, on the six (seeds 2–3) at 1.93 %
  // against 1.74 %: the team of two already runs two walks, and restarts cost it more than they find.
  // Walking on cost plus a share of each route's least duration (its earliest end less its latest
  // start), so that plans with time to spare win ties and later insertions find room, ended those six
  // at 3.04 % (0.01 a minute) and 2.78 % (0.05) against 2.51 % (20 s CPU, seeds 1–2); with a share
  // of −0.01 (tight routes win) 2.53 %.
  const tStart = Math.max(1e-3, (0.02 * Math.max(travel, 1)) / Math.LN2);
  const tEnd = tStart / 20;

  const memory = new ArcMemory(nodeCount(inst));
  memory.remember(current.routes, current.cost);
  const destroy: readonly Destroy[] = [...DESTROY, historicalRemoval(memory)];
  const dW = new Float64Array(destroy.length).fill(1);
  const rW = new Float64Array(REPAIR.length).fill(1);
  const dS = new Float64Array(destroy.length);
  const rS = new Float64Array(REPAIR.length);
  const dN = new Float64Array(destroy.length);
  const rN = new Float64Array(REPAIR.length);
  const removedMask = new Uint8Array(inst.nReq);
  let it = 0;
  let improvements = 0;
  let recombinations = 0;
  let elapsed = 0;
  let epoch = 0;
  const accept = (next: Solution): void => {
    for (let v = 0; v < next.routes.length; v++)
      if (next.routes[v] !== current.routes[v]) pool.addRoute(next.routes[v]!);
    current = next;
    memory.remember(next.routes, next.cost);
  };
  const fromWire = (w: WireSolution): Solution | null => {
    const routes: Route[] = [];
    for (let v = 0; v < inst.nVeh; v++) {
      const interior = w.routes[v]!;
      const rt = interior.length === 0 ? empty[v]! : buildRoute(inst, v, interior);
      if (!rt) return null;
      routes.push(rt);
    }
    return { routes, unserved: w.unserved.slice(), cost: solutionCost(inst, routes, w.unserved) };
  };
  /** A recombined plan, polished, becomes the best (and current) one when it beats the best. */
  const adoptRecombined = (routes: Route[], unserved: number[]): void => {
    if (movable(inst, routes).length <= REGRET_MAX) localSearch(inst, routes, rng);
    const sol: Solution = { routes, unserved, cost: solutionCost(inst, routes, unserved) };
    if (sol.cost < best.cost - 1e-9) {
      for (const rt of routes) pool.addRoute(rt);
      best = sol;
      current = sol;
      memory.remember(routes, sol.cost);
      recombinations++;
    }
  };
  /**
   * Set partitioning over the pool, then around the best plan; under a time budget each part stops
   * at its own share of the epoch.
   */
  let recombinedAt = -1;
  // Recombinations the whole-pool partition sits out: doubled after each one that found nothing.
  let partitionSkip = 0;
  let partitionWait = 0;
  const recombine = (): void => {
    if (pool.version === recombinedAt) return;
    recombinedAt = pool.version;
    const cutoff = (): { deadline?: number; clock?: () => number } =>
      iterationEpochs ? {} : { deadline: Math.min(clock() + recombineMs, t0 + opts.timeLimitMs), clock };
    if (partitionWait > 0) partitionWait--;
    else {
      const before = best.cost;
      const found = partition(inst, pool.recent(RECOMBINE_COLUMNS, best.routes), classSize, best.cost, {
        nodes: RECOMBINE_NODES,
        ...cutoff(),
      });
      if (found) {
        const routes = empty.slice();
        const next = new Int32Array(classSize.length);
        let ok = true;
        for (const col of found.routes) {
          const v = vehiclesOf[col.cls]![next[col.cls]!]!;
          next[col.cls] = next[col.cls]! + 1;
          const rt = buildRoute(inst, v, col.interior);
          if (!rt) {
            ok = false;
            break;
          }
          routes[v] = rt;
        }
        if (ok) adoptRecombined(routes, found.unserved);
      }
      partitionSkip =
        best.cost < before - 1e-9 ? 0 : Math.min(PARTITION_SKIP_MAX, Math.max(1, 2 * partitionSkip));
      partitionWait = partitionSkip;
    }
    const around = best.routes.slice();
    const used = around.filter((rt) => rt.seq.length > 2).length;
    // With this few routes the partition over the pool already covers their neighbourhood.
    if (used <= AROUND_ROUTES) return;
    const saved = recombineAround(inst, around, pool.all(), classOf, classSize, rng, {
      tries: Math.min(used, AROUND_TRIES),
      routes: AROUND_ROUTES,
      nodes: AROUND_NODES,
      ...cutoff(),
    });
    if (saved > 0) adoptRecombined(around, best.unserved.slice());
  };

  for (;;) {
    let done = false;
    const epochStart = it;
    for (;;) {
      elapsed = clock() - t0;
      if (it >= maxIter || elapsed >= searchEnd) {
        done = true;
        break;
      }
      if (iterationEpochs ? it - epochStart >= epochIters : elapsed >= (epoch + 1) * epochMs) break;
      it++;
      const progress = iterationEpochs ? it / maxIter : Math.min(1, elapsed / Math.max(1, opts.timeLimitMs));
      const temperature = tStart * (tEnd / tStart) ** progress;

      const served = movable(inst, current.routes);
      const total = served.length + current.unserved.length;
      // Small instances need relatively large moves to escape; large ones need many cheap iterations.
      // But not cheaper: at 20 s CPU a cap of 15 instead of 30 ended a6-72 at 1.03/1.10 % instead
      // of 0.50/0.71 % (seeds 1/2); 45 at 0.51/0.92 %, and on pr05/06/09/10/15/16 at 2.63 % against
      // 2.46 % (fewer iterations). The floor (5 % of the requests) measured at
      // 20 s CPU, seeds 1–2, on a7-84/a8-80/a8-96/b7-84/b8-80/b8-96 (0.42 % mean) and
      // pr05/06/09/10/15/16 (2.46 %): 1 % (2 requests) gave 0.53 / 2.84 %, 10 % gave 0.50 / 2.62 %.
      const qMin = Math.min(served.length, Math.max(2, Math.round(0.05 * total)));
      const qMax = Math.min(
        served.length,
        Math.max(qMin, Math.min(30, Math.max(10, Math.round(0.4 * total)))),
      );
      const q = qMin + rng.int(qMax - qMin + 1);
      const di = roulette(dW, rng);
      const ri = roulette(rW, rng);
      const removed = q > 0 ? destroy[di]!(inst, current.routes, served, q, rng) : [];
      for (const r of removed) removedMask[r] = 1;
      const routes = current.routes.slice();
      let ok = true;
      for (let v = 0; v < routes.length; v++) {
        const nr = withoutRequests(inst, routes[v]!, removedMask);
        if (!nr) {
          ok = false;
          break;
        }
        routes[v] = nr;
      }
      for (const r of removed) removedMask[r] = 0;
      if (!ok) continue;
      const [k, noise] = REPAIR[ri]!;
      // Retrying every unserved request each iteration is the main cost on an over-full day:
      // a random handful per iteration is enough to place any that fit.
      const retry =
        current.unserved.length <= UNSERVED_RETRY ? current.unserved : shuffled(current.unserved, rng);
      const pending = removed.concat(retry.slice(0, UNSERVED_RETRY));
      const unserved = repair(inst, routes, pending, k, rng, noise * noiseScale(inst)).concat(
        retry.slice(UNSERVED_RETRY),
      );
      let cost = solutionCost(inst, routes, unserved);
      if (
        served.length >= LOCAL_SEARCH_NEAR_MIN &&
        served.length <= REGRET_MAX &&
        cost >= best.cost - 1e-9 &&
        cost < best.cost * (1 + LOCAL_SEARCH_NEAR)
      ) {
        localSearch(inst, routes, rng);
        cost = solutionCost(inst, routes, unserved);
      }
      const candidate: Solution = { routes, unserved, cost };
      // Every new route of a near-good candidate is a column for the recombination, accepted or not.
      if (cost < current.cost + 0.02 * travel)
        for (let v = 0; v < routes.length; v++)
          if (routes[v] !== current.routes[v]) pool.addRoute(routes[v]!);

      let score = 0;
      if (cost < best.cost - 1e-9) {
        // On a whole district day a full pass costs more than it brings within the budget.
        if (served.length <= REGRET_MAX) localSearch(inst, routes, rng);
        accept({ routes, unserved, cost: solutionCost(inst, routes, unserved) });
        best = current;
        improvements++;
        score = 33;
      } else if (cost < current.cost - 1e-9) {
        accept(candidate);
        score = 9;
      } else if (cost > current.cost + 1e-9 && rng.next() < Math.exp((current.cost - cost) / temperature)) {
        accept(candidate);
        score = 13;
      }
      dS[di] = dS[di]! + score;
      rS[ri] = rS[ri]! + score;
      dN[di] = dN[di]! + 1;
      rN[ri] = rN[ri]! + 1;
      if (it % 100 === 0) {
        for (let o = 0; o < dW.length; o++) {
          if (dN[o]! > 0) dW[o] = 0.9 * dW[o]! + (0.1 * dS[o]!) / dN[o]!;
          dW[o] = Math.max(dW[o]!, 0.05);
        }
        for (let o = 0; o < rW.length; o++) {
          if (rN[o]! > 0) rW[o] = 0.9 * rW[o]! + (0.1 * rS[o]!) / rN[o]!;
          rW[o] = Math.max(rW[o]!, 0.05);
        }
        dS.fill(0);
        rS.fill(0);
        dN.fill(0);
        rN.fill(0);
      }
    }
    epoch++;
    // One member recombines per epoch, after the trade so that the others search on meanwhile; its
    // result travels with its next report. The last epoch's recombination comes first, to be shared.
    const mine = epoch % (team?.size ?? 1) === (team?.index ?? 0);
    if (mine && done) recombine();
    if (team) {
      const reports = team.trade(epoch, {
        best: toWire(best),
        routes: pool.drainFresh().map((p) => ({ cls: p.cls, interior: p.interior, cost: p.cost })),
        done,
        iterations: it,
      });
      let pick = -1;
      reports.forEach((rep, i) => {
        if (i !== team.index) for (const r of rep.routes) pool.add(r.cls, r.interior, r.cost, false);
        if (rep.best.cost < (pick < 0 ? best.cost : reports[pick]!.best.cost) - 1e-9) pick = i;
        if (rep.done) done = true;
      });
      if (pick >= 0 && pick !== team.index) {
        const adopted = fromWire(reports[pick]!.best);
        if (adopted) {
          best = adopted;
          // Keep this thread's own walk unless it has strayed well above the team's best: diversity.
          // (Measured, 2 threads, 20 s wall, pr05/06/09/10/15/16, seeds 1–2: never resetting the walk
          // 2.35 % mean, never adopting the team's best before the end 2.38 %, this 2.32 %. A second
          // thread three times as hot that never takes the team's best, as an explorer beside this one:
          // 2.49 % against 2.46 % the same day, 20 s wall, seeds 1–2.)
          memory.remember(adopted.routes, adopted.cost);
          if (current.cost > adopted.cost * 1.005) current = adopted;
        }
      }
    } else pool.drainFresh();
    if (done) break;
    if (mine) recombine();
  }
  return {
    best,
    stats: { iterations: it, elapsedMs: clock() - t0, improvements, recombinations, poolSize: pool.size },
  };
}

export function toWire(sol: Solution): WireSolution {
  return {
    routes: sol.routes.map((rt) => rt.seq.slice(1, rt.seq.length - 1)),
    unserved: sol.unserved.slice(),
    cost: sol.cost,
  };
}

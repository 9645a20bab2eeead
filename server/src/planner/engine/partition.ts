import type { Instance } from './instance.ts';
import type { PooledRoute } from './pool.ts';

export interface PartitionBudget {
  /** Depth-first nodes at most (makes the recombination reproducible). */
  readonly nodes: number;
  /** Optional wall-clock cut-off on `clock`. */
  readonly deadline?: number;
  readonly clock?: () => number;
}

/** What partitioning needs of the instance: the requests and what leaving one out costs. */
export type PartitionRequests = Pick<Instance, 'nReq' | 'unservedPenalty'>;

export interface Partition {
  readonly routes: PooledRoute[];
  readonly unserved: number[];
  readonly cost: number;
}

/**
 * Set-partitioning recombination over the pool of routes (the literature's standard booster for
 * large neighbourhood searches): pick routes that serve every request exactly once — or leave a
 * request out at its penalty — with at most as many routes of each vehicle class as it has vehicles,
 * at least cost. Solved by depth-first branch and bound without an LP solver:
 *
 * - Lower bounds come from dual values u (one per request) with every route's reduced cost
 *   `cost − Σ u` non-negative and u ≤ the request's penalty (subgradient optimisation of the
 *   Lagrangian relaxation, scaled back to feasibility, then dual ascent). Any such u
 *   bounds the cost of covering the requests still open by Σ u over them, and choosing a route
 *   raises the bound by its reduced cost, so a branch dies as soon as bound + reduced cost reaches
 *   the incumbent.
 * - It branches on the open request with the fewest routes, trying its routes by reduced cost.
 *
 * Returns a strictly cheaper partition than `upper` if one is found within the budget, else null.
 *
 * Measured limits (pools saved at the end of 10–20 s CPU runs, solved offline by an LP/MIP solver):
 * the bound ignores the fleet (routes per class), so it falls short of the pool's LP bound — 905
 * against 947 on a8-80, 1212 against 1234 on a8-96. A Lagrangian that keeps the fleet (each class
 * takes its most negative reduced costs, made dual feasible with a per-class value) reached 941 and
 * 1228, but changed nothing over 48 runs (a7-84…b8-96 and pr05/06/09/10/15/16, seeds 1–4, 20 s CPU:
 * 0.46 against 0.43 %, 2.39 against 2.39 %). Even an exact solve of the whole pool gains little: the
 * MIP found 0.2 % on a8-80, 0.1 % on pr10, 0.24 % on pr16 and nothing on a8-96, after 40–120 s. What
 * the plan lacks is routes the search never built (the pool's LP bound lies above the best known
 * plan's cost), not a better choice among them.
 *
 * Column generation does build such routes, but they do not make a cheaper plan. Measured offline on
 * the pool of one thread's 30 s run on pr16 (25,091 routes; best plan 746.43, best known 725.22): the
 * pool's LP bound (HiGHS) was 729.83; pricing routes against the LP's duals — from each of the 400
 * routes of least reduced cost, insert or remove one request at a time while the reduced cost falls,
 * keeping every route with a negative one (six rounds, 0.65 s of pricing) — brought it to 725.70, with
 * 10.4 routes in use (the fleet never binds). But that LP picks each route 0.3–0.6 times. Diving on
 * it (fix the route it uses most, price again) ended at 751.22; this branch and bound over the priced
 * pool, with the LP's duals in place of the Lagrangian ones, found nothing under 746.43 in 3 million
 * nodes; HiGHS's MIP found no complete plan in 60 s; set partitioning around the best plan
 * (`recombine.ts`, 3–5 routes) found nothing. The best plan was also as good as the search itself
 * could make any 3 of its routes with an idle vehicle (2,000 iterations each) and within 0.06 of it
 * on 5 routes (5,000 iterations): what separates it from the best known plan spans the whole day.
 */
export function partition(
  inst: PartitionRequests,
  columns: readonly PooledRoute[],
  classSize: readonly number[],
  upper: number,
  budget: PartitionBudget,
): Partition | null {
  const R = inst.nReq;
  const W = (R + 31) >>> 5;
  const n = columns.length;
  if (n === 0 || R === 0) return null;
  const count = new Int32Array(R);
  for (const c of columns) for (const r of c.requests) count[r] = count[r]! + 1;

  const u = lagrangian(inst, columns, count, upper);
  const rc = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const c = columns[k]!;
    let s = c.cost;
    for (const r of c.requests) s -= u[r]!;
    rc[k] = Math.max(0, s);
  }
  let root = 0;
  for (let r = 0; r < R; r++) root += u[r]!;
  if (root >= upper - 1e-6) return null;

  // Only routes that could be part of a better partition: reduced cost below the gap.
  const gap = upper - root;
  const useful: number[] = [];
  for (let k = 0; k < n; k++) if (rc[k]! < gap - 1e-9) useful.push(k);
  const bits = new Uint32Array(n * W);
  for (const k of useful)
    for (const r of columns[k]!.requests)
      bits[k * W + (r >>> 5)] = bits[k * W + (r >>> 5)]! | (1 << (r & 31));
  const colsOf: number[][] = Array.from({ length: R }, () => []);
  for (const k of useful) for (const r of columns[k]!.requests) colsOf[r]!.push(k);
  for (const list of colsOf) list.sort((a, b) => rc[a]! - rc[b]!);
  // Most constrained first: requests with the fewest useful routes.
  const order = Array.from({ length: R }, (_, r) => r).sort(
    (a, b) => colsOf[a]!.length - colsOf[b]!.length || a - b,
  );

  const covered = new Uint32Array(W);
  const used = new Int32Array(classSize.length);
  const chosen: number[] = [];
  const out: number[] = [];
  let bestCost = upper - 1e-6;
  let best: { chosen: number[]; out: number[] } | null = null;
  let nodes = 0;
  let stopped = false;
  const clock = budget.clock;
  const deadline = budget.deadline ?? Number.POSITIVE_INFINITY;
  const isCovered = (r: number): boolean => (covered[r >>> 5]! & (1 << (r & 31))) !== 0;

  // bound = cost so far + Σ u over open requests.
  const dfs = (from: number, bound: number): void => {
    if (stopped) return;
    if (++nodes > budget.nodes || ((nodes & 1023) === 0 && clock && clock() > deadline)) {
      stopped = true;
      return;
    }
    let oi = from;
    while (oi < R && isCovered(order[oi]!)) oi++;
    if (oi === R) {
      if (bound < bestCost) {
        bestCost = bound;
        best = { chosen: chosen.slice(), out: out.slice() };
      }
      return;
    }
    const r = order[oi]!;
    for (const k of colsOf[r]!) {
      const nb = bound + rc[k]!;
      if (nb >= bestCost) break;
      const cls = columns[k]!.cls;
      if (used[cls]! >= classSize[cls]!) continue;
      const off = k * W;
      let clash = false;
      for (let w = 0; w < W; w++)
        if ((bits[off + w]! & covered[w]!) !== 0) {
          clash = true;
          break;
        }
      if (clash) continue;
      for (let w = 0; w < W; w++) covered[w] = covered[w]! | bits[off + w]!;
      used[cls] = used[cls]! + 1;
      chosen.push(k);
      dfs(oi + 1, nb);
      chosen.pop();
      used[cls] = used[cls]! - 1;
      for (let w = 0; w < W; w++) covered[w] = covered[w]! & ~bits[off + w]!;
      if (stopped) return;
    }
    // Leave r out: pays its penalty instead of its dual value.
    const nb = bound + inst.unservedPenalty[r]! - u[r]!;
    if (nb < bestCost) {
      covered[r >>> 5] = covered[r >>> 5]! | (1 << (r & 31));
      out.push(r);
      dfs(oi + 1, nb);
      out.pop();
      covered[r >>> 5] = covered[r >>> 5]! & ~(1 << (r & 31));
    }
  };
  dfs(0, root);
  const found = best as { chosen: number[]; out: number[] } | null;
  if (!found) return null;
  const routes = found.chosen.map((k) => columns[k]!);
  let cost = 0;
  for (const c of routes) cost += c.cost;
  for (const r of found.out) cost += inst.unservedPenalty[r]!;
  return { routes, unserved: found.out.sort((a, b) => a - b), cost };
}

/**
 * Dual values for the bound: dual ascent from zero, most constrained requests first — each
 * request's value rises to the least reduced cost among its routes (its penalty at most). Every
 * reduced cost stays ≥ 0, so the values are feasible for the LP dual of the partitioning problem.
 */
function duals(inst: PartitionRequests, columns: readonly PooledRoute[], count: Int32Array): Float64Array {
  const R = inst.nReq;
  const n = columns.length;
  const colsOf: number[][] = Array.from({ length: R }, () => []);
  columns.forEach((c, k) => {
    for (const r of c.requests) colsOf[r]!.push(k);
  });
  const best = new Float64Array(R);
  let bestSum = -1;
  // Two orders (fewest routes first, and share-weighted), keep the larger bound.
  const orders = [
    Array.from({ length: R }, (_, r) => r).sort((a, b) => count[a]! - count[b]! || a - b),
    Array.from({ length: R }, (_, r) => r),
  ];
  for (const order of orders) {
    const rc = new Float64Array(n);
    for (let k = 0; k < n; k++) rc[k] = columns[k]!.cost;
    const u = new Float64Array(R);
    for (let pass = 0; pass < 2; pass++) {
      for (const r of order) {
        let m = inst.unservedPenalty[r]! - u[r]!;
        for (const k of colsOf[r]!) if (rc[k]! < m) m = rc[k]!;
        if (m <= 0) continue;
        // First pass spreads: take a share, so requests later in the order keep room.
        const raise = pass === 0 ? m / Math.max(1, minSize(columns, colsOf[r]!)) : m;
        u[r] = u[r]! + raise;
        for (const k of colsOf[r]!) rc[k] = rc[k]! - raise;
      }
    }
    let sum = 0;
    for (let r = 0; r < R; r++) sum += u[r]!;
    if (sum > bestSum) {
      bestSum = sum;
      best.set(u);
    }
  }
  return best;
}

function minSize(columns: readonly PooledRoute[], ks: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const k of ks) m = Math.min(m, columns[k]!.requests.length);
  return Number.isFinite(m) ? m : 1;
}

/**
 * Near-LP duals: subgradient optimisation of the Lagrangian relaxation of the covering rows
 * (Held–Karp steps towards the incumbent's cost), then each value scaled down by its worst route's
 * ratio so every reduced cost is ≥ 0, then raised again by dual ascent where routes have slack.
 */
function lagrangian(
  inst: PartitionRequests,
  columns: readonly PooledRoute[],
  count: Int32Array,
  upper: number,
): Float64Array {
  const R = inst.nReq;
  const n = columns.length;
  const pen = inst.unservedPenalty;
  let u = duals(inst, columns, count);
  let bestU = u.slice();
  let bestL = 0;
  for (let r = 0; r < R; r++) bestL += u[r]!;
  u = u.slice();
  const g = new Float64Array(R);
  let lambda = 1;
  let stale = 0;
  for (let iter = 0; iter < 120; iter++) {
    g.fill(1);
    let L = 0;
    for (let r = 0; r < R; r++) L += u[r]!;
    for (let k = 0; k < n; k++) {
      const c = columns[k]!;
      let s = c.cost;
      for (const r of c.requests) s -= u[r]!;
      if (s < 0) {
        L += s;
        for (const r of c.requests) g[r] = g[r]! - 1;
      }
    }
    if (L > bestL + 1e-9) {
      bestL = L;
      bestU = u.slice();
      stale = 0;
    } else if (++stale >= 8) {
      lambda /= 2;
      stale = 0;
      if (lambda < 5e-3) break;
    }
    let norm = 0;
    for (let r = 0; r < R; r++) norm += g[r]! * g[r]!;
    if (norm === 0) break;
    const step = (lambda * Math.max(upper - L, 1e-6)) / norm;
    for (let r = 0; r < R; r++) u[r] = Math.min(pen[r]!, Math.max(0, u[r]! + step * g[r]!));
  }
  // Scale back to dual feasibility: every route's Σ u ≤ its cost.
  const alpha = new Float64Array(R).fill(1);
  for (const c of columns) {
    let s = 0;
    for (const r of c.requests) s += bestU[r]!;
    if (s > c.cost) {
      const a = c.cost / s;
      for (const r of c.requests) if (a < alpha[r]!) alpha[r] = a;
    }
  }
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) out[r] = bestU[r]! * alpha[r]!;
  const rc = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = columns[k]!.cost;
    for (const r of columns[k]!.requests) s -= out[r]!;
    rc[k] = Math.max(0, s);
  }
  const colsOf: number[][] = Array.from({ length: R }, () => []);
  columns.forEach((c, k) => {
    for (const r of c.requests) colsOf[r]!.push(k);
  });
  for (let r = 0; r < R; r++) {
    let m = pen[r]! - out[r]!;
    for (const k of colsOf[r]!) if (rc[k]! < m) m = rc[k]!;
    if (m <= 0) continue;
    out[r] = out[r]! + m;
    for (const k of colsOf[r]!) rc[k] = rc[k]! - m;
  }
  return out;
}

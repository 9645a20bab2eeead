import type { Instance } from './instance.ts';
import { partition } from './partition.ts';
import type { PooledRoute } from './pool.ts';
import type { Rng } from './rng.ts';
import { buildRoute, type Route } from './route.ts';

export interface AroundOptions {
  /** Neighbourhoods tried (each a few routes of the plan). */
  readonly tries: number;
  /** Routes of the plan per neighbourhood. */
  readonly routes: number;
  /** Depth-first nodes per neighbourhood's set partitioning. */
  readonly nodes: number;
  /** Optional cut-off on `clock`: no neighbourhood is started after it. */
  readonly deadline?: number;
  readonly clock?: () => number;
}

/**
 * Set partitioning around a plan: take a few of its routes that the pool often mixes (routes of the
 * pool that serve requests of both), and look for the cheapest routes of the pool that serve exactly
 * their requests, on their vehicles or idle ones of the same class. A partition over the whole pool
 * rarely closes its gap within a node budget on a large instance (its bound is a few per cent
 * short); over the requests of three or four routes it is small enough to solve exactly, and it
 * still recombines what different iterations (and threads) found for that part of the day.
 * Improves `routes` in place; returns how much cheaper the plan became.
 */
export function recombineAround(
  inst: Instance,
  routes: Route[],
  columns: readonly PooledRoute[],
  classOf: Int32Array,
  classSize: readonly number[],
  rng: Rng,
  opts: AroundOptions,
): number {
  const R = inst.nReq;
  const V = routes.length;
  const routeOf = new Int32Array(R);
  const co = new Float64Array(V * V);
  const inS = new Uint8Array(R);
  const local = new Int32Array(R);
  let saved = 0;
  const index = (): number[] => {
    routeOf.fill(-1);
    const used: number[] = [];
    for (const rt of routes) {
      if (rt.seq.length <= 2) continue;
      used.push(rt.v);
      for (let p = 1; p < rt.seq.length - 1; p++) if (rt.seq[p]! < R) routeOf[rt.seq[p]!] = rt.v;
    }
    // How often the pool holds a route that mixes requests of two of the plan's routes.
    co.fill(0);
    const seen: number[] = [];
    for (const col of columns) {
      seen.length = 0;
      for (const r of col.requests) {
        const v = routeOf[r]!;
        if (v >= 0 && !seen.includes(v)) seen.push(v);
      }
      for (let a = 0; a < seen.length; a++)
        for (let b = a + 1; b < seen.length; b++) {
          co[seen[a]! * V + seen[b]!] = co[seen[a]! * V + seen[b]!]! + 1;
          co[seen[b]! * V + seen[a]!] = co[seen[b]! * V + seen[a]!]! + 1;
        }
    }
    return used;
  };
  let used = index();
  for (let t = 0; t < opts.tries && used.length >= 2; t++) {
    if (opts.clock && opts.deadline !== undefined && opts.clock() > opts.deadline) break;
    const seed = used[rng.int(used.length)]!;
    const chosen = [seed];
    const others = used
      .filter((v) => v !== seed && co[seed * V + v]! > 0)
      .sort((a, b) => co[seed * V + b]! - co[seed * V + a]! || a - b);
    for (const v of others) {
      if (chosen.length >= opts.routes) break;
      chosen.push(v);
    }
    if (chosen.length < 2) continue;
    inS.fill(0);
    let m = 0;
    let upper = 0;
    const limit = new Array<number>(classSize.length).fill(0);
    const vehiclesOf: number[][] = classSize.map(() => []);
    for (const v of chosen) {
      const rt = routes[v]!;
      upper += rt.cost;
      for (let p = 1; p < rt.seq.length - 1; p++) {
        const r = rt.seq[p]!;
        if (r < R) {
          inS[r] = 1;
          local[r] = m++;
        }
      }
    }
    for (let v = 0; v < V; v++) {
      if (chosen.includes(v) || routes[v]!.seq.length <= 2) {
        limit[classOf[v]!] = limit[classOf[v]!]! + 1;
        vehiclesOf[classOf[v]!]!.push(v);
      }
    }
    const sub: PooledRoute[] = [];
    for (const col of columns) {
      let inside = true;
      for (const r of col.requests)
        if (inS[r] === 0) {
          inside = false;
          break;
        }
      if (!inside || limit[col.cls] === 0) continue;
      const requests = new Int32Array(col.requests.length);
      for (let x = 0; x < requests.length; x++) requests[x] = local[col.requests[x]!]!;
      sub.push({ cls: col.cls, interior: col.interior, requests, cost: col.cost });
    }
    const penalty = new Float64Array(m);
    for (let r = 0; r < R; r++) if (inS[r] === 1) penalty[local[r]!] = inst.unservedPenalty[r]!;
    const found = partition({ nReq: m, unservedPenalty: penalty }, sub, limit, upper, {
      nodes: opts.nodes,
      ...(opts.clock && opts.deadline !== undefined ? { deadline: opts.deadline, clock: opts.clock } : {}),
    });
    if (!found || found.unserved.length > 0) continue;
    const next = routes.slice();
    for (const v of vehiclesOf.flat()) next[v] = buildRoute(inst, v, [])!;
    const taken = new Int32Array(classSize.length);
    let ok = true;
    for (const col of found.routes) {
      const v = vehiclesOf[col.cls]![taken[col.cls]!]!;
      taken[col.cls] = taken[col.cls]! + 1;
      const rt = buildRoute(inst, v, col.interior);
      if (!rt) {
        ok = false;
        break;
      }
      next[v] = rt;
    }
    if (!ok) continue;
    let before = 0;
    let after = 0;
    for (let v = 0; v < V; v++) {
      before += routes[v]!.cost;
      after += next[v]!.cost;
    }
    if (after >= before - 1e-9) continue;
    saved += before - after;
    for (let v = 0; v < V; v++) routes[v] = next[v]!;
    used = index();
  }
  return saved;
}

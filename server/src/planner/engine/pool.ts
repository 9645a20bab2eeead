import { endOf, type Instance, startOf } from './instance.ts';
import type { Route } from './route.ts';

/**
 * Vehicles that are interchangeable: the same depots and hours, capacity, duration limit, travel
 * profile, cost weight, disinfection time and assignment penalties, and no pinned requests. A route
 * found for one of them is feasible and costs the same on any other, so the route pool stores it
 * once per class. Returns the class of each vehicle and the number of vehicles per class.
 */
export function vehicleClasses(inst: Instance): { classOf: Int32Array; size: number[] } {
  const { nVeh: V, nReq: R, dims } = inst;
  const pinnedTo = new Uint8Array(V);
  for (let r = 0; r < R; r++) if (inst.pinned[r]! >= 0) pinnedTo[inst.pinned[r]!] = 1;
  const classOf = new Int32Array(V);
  const size: number[] = [];
  const byKey = new Map<string, number>();
  for (let v = 0; v < V; v++) {
    let key: string;
    if (pinnedTo[v] === 1) key = `pinned:${v}`;
    else {
      const s = startOf(inst, v);
      const e = endOf(inst, v);
      const parts: number[] = [
        inst.loc[s]!,
        inst.loc[e]!,
        inst.early[s]!,
        inst.late[s]!,
        inst.early[e]!,
        inst.late[e]!,
        inst.service[s]!,
        inst.service[e]!,
        inst.maxDuration[v]!,
        inst.disinfection[v]!,
        inst.profile[v]!,
        inst.costWeight[v]!,
      ];
      for (let k = 0; k < dims; k++) parts.push(inst.capacity[v * dims + k]!);
      key = parts.join(',');
      if (inst.assignPenalty) {
        const column: number[] = [];
        for (let r = 0; r < R; r++) column.push(inst.assignPenalty[r * V + v]!);
        key += `|${column.join(',')}`;
      }
    }
    let c = byKey.get(key);
    if (c === undefined) {
      c = size.length;
      byKey.set(key, c);
      size.push(0);
    }
    classOf[v] = c;
    size[c] = size[c]! + 1;
  }
  return { classOf, size };
}

/** A route remembered by the pool: its vehicle class, its stops (no depots), its requests and cost. */
export interface PooledRoute {
  readonly cls: number;
  readonly interior: Int32Array;
  /** Requests served, ascending. */
  readonly requests: Int32Array;
  readonly cost: number;
}

/**
 * The pool of good routes the searches have found (the columns of set-partitioning recombination).
 * One entry per (vehicle class, set of requests), the cheapest sequence found for it. Bounded: when
 * full, the oldest entries go first.
 */
export class RoutePool {
  private readonly index = new Map<string, number>();
  private entries: (PooledRoute | null)[] = [];
  private live = 0;
  /** Entries added since the last `drainFresh` (what a thread shares with the others). */
  private fresh: PooledRoute[] = [];
  /** Bumped on every change: a recombination over an unchanged pool would find nothing new. */
  version = 0;

  constructor(
    private readonly inst: Instance,
    readonly classOf: Int32Array,
    readonly classSize: readonly number[],
    private readonly capacity = 30000,
  ) {}

  get size(): number {
    return this.live;
  }

  /** Adds a route of the search (its vehicle gives the class). Empty routes are not columns. */
  addRoute(route: Route): void {
    const len = route.seq.length;
    if (len <= 2) return;
    this.add(this.classOf[route.v]!, route.seq.subarray(1, len - 1), route.cost, true);
  }

  /** Adds a route by class, stops and cost; `share` says whether other threads should hear of it. */
  add(cls: number, interior: ArrayLike<number>, cost: number, share: boolean): void {
    const R = this.inst.nReq;
    const reqs: number[] = [];
    for (let p = 0; p < interior.length; p++) if (interior[p]! < R) reqs.push(interior[p]!);
    reqs.sort((a, b) => a - b);
    const key = `${cls}:${reqs.join(',')}`;
    const at = this.index.get(key);
    if (at !== undefined) {
      const old = this.entries[at]!;
      if (old.cost <= cost + 1e-9) return;
    }
    const entry: PooledRoute = {
      cls,
      interior: Int32Array.from(interior),
      requests: Int32Array.from(reqs),
      cost,
    };
    if (at !== undefined) this.entries[at] = entry;
    else {
      this.index.set(key, this.entries.length);
      this.entries.push(entry);
      this.live++;
      if (this.live > this.capacity) this.evictOldest();
    }
    this.version++;
    if (share) this.fresh.push(entry);
  }

  private evictOldest(): void {
    const keep = this.entries
      .filter((e): e is PooledRoute => e !== null)
      .slice(-Math.floor(this.capacity * 0.8));
    this.entries = keep;
    this.index.clear();
    keep.forEach((e, i) => {
      this.index.set(`${e.cls}:${e.requests.join(',')}`, i);
    });
    this.live = keep.length;
  }

  drainFresh(): PooledRoute[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Every route in the pool, oldest first. */
  all(): PooledRoute[] {
    return this.entries.filter((e): e is PooledRoute => e !== null);
  }

  /** The newest `count` routes, and the pooled routes of `keep` (e.g. the best plan's) wherever they are. */
  recent(count: number, keep: readonly Route[]): PooledRoute[] {
    const live = this.entries.filter((e): e is PooledRoute => e !== null);
    const out = live.slice(-count);
    const chosen = new Set(out);
    const R = this.inst.nReq;
    for (const route of keep) {
      const len = route.seq.length;
      if (len <= 2) continue;
      const reqs: number[] = [];
      for (let p = 1; p < len - 1; p++) if (route.seq[p]! < R) reqs.push(route.seq[p]!);
      reqs.sort((a, b) => a - b);
      const at = this.index.get(`${this.classOf[route.v]!}:${reqs.join(',')}`);
      const entry = at === undefined ? null : this.entries[at];
      if (entry && !chosen.has(entry)) {
        chosen.add(entry);
        out.push(entry);
      }
    }
    return out;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { orders } from '../testing/orders.ts';
import { search } from './alns.ts';
import { schedule } from './route.ts';

/** A tiny Cordeau-format instance: n requests, m vehicles, Q seats, ride limit L, horizon T. */
interface Tiny {
  m: number;
  Q: number;
  L: number;
  T: number;
  nodes: { x: number; y: number; d: number; q: number; e: number; l: number }[];
}

const toText = (t: Tiny): string =>
  [
    `${t.m} ${(t.nodes.length - 2) / 2} ${t.T} ${t.Q} ${t.L}`,
    ...t.nodes.map((n, i) => `${i} ${n.x} ${n.y} ${n.d} ${n.q} ${n.e} ${n.l}`),
  ].join('\n');

const tinyArb = (n: number): fc.Arbitrary<Tiny> =>
  fc
    .record({
      m: fc.integer({ min: 1, max: 2 }),
      Q: fc.integer({ min: 1, max: 3 }),
      pts: fc.array(fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 })), {
        minLength: 2 * n,
        maxLength: 2 * n,
      }),
      tw: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }),
      outbound: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    })
    .map(({ m, Q, pts, tw, outbound }) => {
      const nodes: Tiny['nodes'] = [{ x: 0, y: 0, d: 0, q: 0, e: 0, l: 240 }];
      for (let i = 0; i < n; i++) {
        const [x, y] = pts[i]!;
        nodes.push(
          outbound[i] ? { x, y, d: 1, q: 1, e: 0, l: 240 } : { x, y, d: 1, q: 1, e: tw[i]!, l: tw[i]! + 30 },
        );
      }
      for (let i = 0; i < n; i++) {
        const [x, y] = pts[n + i]!;
        nodes.push(
          outbound[i]
            ? { x, y, d: 1, q: -1, e: tw[i]! + 20, l: tw[i]! + 50 }
            : { x, y, d: 1, q: -1, e: 0, l: 240 },
        );
      }
      nodes.push({ x: 0, y: 0, d: 0, q: 0, e: 0, l: 240 });
      return { m, Q, L: 35, T: 200, nodes };
    });

const dist = (t: Tiny, a: number, b: number): number =>
  Math.hypot(t.nodes[a]!.x - t.nodes[b]!.x, t.nodes[a]!.y - t.nodes[b]!.y);

/** Independent exact timing check (Bellman-Ford on the difference constraints). */
function feasible(t: Tiny, route: number[]): boolean {
  const n = (t.nodes.length - 2) / 2;
  const ids = [0, ...route, 2 * n + 1];
  let load = 0;
  for (const id of route) {
    load += t.nodes[id]!.q;
    if (load > t.Q) return false;
  }
  const k = ids.length;
  const edges: [number, number, number][] = [];
  ids.forEach((id, p) => {
    edges.push([k, p, t.nodes[id]!.l], [p, k, -t.nodes[id]!.e]);
    if (p > 0) edges.push([p, p - 1, -(t.nodes[ids[p - 1]!]!.d + dist(t, ids[p - 1]!, id))]);
  });
  ids.forEach((id, p) => {
    if (id >= 1 && id <= n) edges.push([p, ids.indexOf(id + n), t.L + t.nodes[id]!.d]);
  });
  edges.push([0, k - 1, t.T]);
  const D = new Array<number>(k + 1).fill(Number.POSITIVE_INFINITY);
  D[k] = 0;
  for (let it = 0; it <= k + 1; it++) {
    let changed = false;
    for (const [u, v, w] of edges)
      if (D[u]! + w < D[v]! - 1e-9) {
        D[v] = D[u]! + w;
        changed = true;
      }
    if (!changed) return true;
  }
  return false;
}

function bruteForce(t: Tiny): number {
  const n = (t.nodes.length - 2) / 2;
  const best = new Map<number, number>();
  const routeCost = (reqs: number[]): number => {
    const key = reqs.reduce((a, r) => a | (1 << r), 0);
    const cached = best.get(key);
    if (cached !== undefined) return cached;
    let c = Number.POSITIVE_INFINITY;
    for (const o of orders(n, reqs)) {
      if (!feasible(t, o)) continue;
      const ids = [0, ...o, 2 * n + 1];
      let d = 0;
      for (let p = 1; p < ids.length; p++) d += dist(t, ids[p - 1]!, ids[p]!);
      c = Math.min(c, d);
    }
    best.set(key, c);
    return c;
  };
  let opt = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < t.m ** n; mask++) {
    const groups: number[][] = Array.from({ length: t.m }, () => []);
    let x = mask;
    for (let r = 1; r <= n; r++) {
      groups[x % t.m]!.push(r);
      x = Math.floor(x / t.m);
    }
    opt = Math.min(
      opt,
      groups.reduce((a, g) => a + (g.length ? routeCost(g) : 0), 0),
    );
  }
  return opt;
}

describe('DARP engine', () => {
  it('reaches the brute-force optimum on tiny instances', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(tinyArb(3), (t) => {
        const opt = bruteForce(t);
        const ci = parseCordeau('tiny', toText(t));
        const { best } = search(ci.instance, { timeLimitMs: 1e9, maxIterations: 300, seed: 7 });
        if (opt === Number.POSITIVE_INFINITY) return;
        expect(best.unserved).toEqual([]);
        expect(best.cost).toBeCloseTo(opt, 6);
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it('decides route feasibility exactly (agrees with an independent Bellman-Ford)', () => {
    fc.assert(
      fc.property(tinyArb(3), fc.integer({ min: 0, max: 89 }), (t, pick) => {
        const n = 3;
        const all = orders(n, [1, 2, 3]);
        const o = all[pick % all.length]!;
        const ci = parseCordeau('tiny', toText(t));
        const seq = new Int32Array([2 * n, ...o.map((id) => id - 1), 2 * n + 1]);
        expect(schedule(ci.instance, 0, seq, seq.length)).toBe(feasible(t, o));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('is deterministic for a seed and an iteration cap', () => {
    const t = fc.sample(tinyArb(4), { numRuns: 1, seed: 5 })[0]!;
    const ci = parseCordeau('tiny', toText(t));
    const a = search(ci.instance, { timeLimitMs: 1e9, maxIterations: 200, seed: 11 });
    const b = search(ci.instance, { timeLimitMs: 1e9, maxIterations: 200, seed: 11 });
    expect(a.best.cost).toBe(b.best.cost);
    expect(a.best.routes.map((r) => [...r.seq])).toEqual(b.best.routes.map((r) => [...r.seq]));
  });
});

import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { RoutePool, vehicleClasses } from './pool.ts';
import { recombineAround } from './recombine.ts';
import { createRng } from './rng.ts';
import { buildRoute, type Route } from './route.ts';

// Two clusters five apart (x = 0 and x = 5), two requests in each, two vehicles at the origin.
// Requests 0 and 2 ride in the x = 0 cluster, 1 and 3 in the x = 5 one.
const points: [number, number][] = [
  [0, 1],
  [5, 1],
  [0, 1.1],
  [5, 1.1],
];
const ci = parseCordeau(
  'clusters',
  [
    '2 4 480 3 90',
    '0 0 0 0 0 0 480',
    ...points.map(([x, y], i) => `${i + 1} ${x} ${y} 1 1 0 480`),
    ...points.map(([x, y], i) => `${i + 5} ${x} ${y + 1} 1 -1 0 480`),
    '9 0 0 0 0 0 480',
  ].join('\n'),
);
const inst = ci.instance;
const R = inst.nReq;
const route = (v: number, requests: number[]): Route => {
  const rt = buildRoute(
    inst,
    v,
    requests.flatMap((r) => [r, R + r]),
  );
  if (!rt) throw new Error(`route ${requests} infeasible`);
  return rt;
};

describe('set partitioning around a plan', () => {
  it('swaps the routes of a plan for cheaper pooled routes serving exactly their requests', () => {
    const { classOf, size } = vehicleClasses(inst);
    const pool = new RoutePool(inst, classOf, size);
    // The plan: each vehicle drives to both clusters.
    const routes = [route(0, [0, 1]), route(1, [2, 3])];
    for (const rt of routes) pool.addRoute(rt);
    // What other iterations found: one vehicle per cluster.
    pool.addRoute(route(0, [0, 2]));
    pool.addRoute(route(1, [1, 3]));
    const before = routes[0]!.cost + routes[1]!.cost;
    const saved = recombineAround(inst, routes, pool.all(), classOf, size, createRng(1), {
      tries: 2,
      routes: 2,
      nodes: 1000,
    });
    const after = routes[0]!.cost + routes[1]!.cost;
    expect(saved).toBeCloseTo(before - after, 9);
    expect(after).toBeLessThan(before - 1);
    const served = routes.map((rt) => [...rt.seq].filter((n) => n < R).sort());
    expect(served.sort()).toEqual([
      [0, 2],
      [1, 3],
    ]);
    // Every route it returns is the exact check's, with its vehicle's depots.
    for (const [v, rt] of routes.entries()) {
      expect(rt.v).toBe(v);
      expect(
        route(
          v,
          [...rt.seq].filter((n) => n < R),
        ).cost,
      ).toBeCloseTo(rt.cost, 9);
    }
  });

  it('leaves the plan alone when the pool holds nothing cheaper for those requests', () => {
    const { classOf, size } = vehicleClasses(inst);
    const pool = new RoutePool(inst, classOf, size);
    const routes = [route(0, [0, 2]), route(1, [1, 3])];
    for (const rt of routes) pool.addRoute(rt);
    pool.addRoute(route(0, [0, 1]));
    pool.addRoute(route(1, [2, 3]));
    const kept = routes.slice();
    expect(
      recombineAround(inst, routes, pool.all(), classOf, size, createRng(1), {
        tries: 4,
        routes: 2,
        nodes: 1000,
      }),
    ).toBe(0);
    expect(routes).toEqual(kept);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { emptyRoutes, repair } from './alns.ts';
import { createRng } from './rng.ts';
import { buildRoute, type Route, shrunkRoute } from './route.ts';

/**
 * `shrunkRoute` takes requests out of a feasible route without scheduling it again when every travel
 * profile keeps the triangle inequality: the old schedule still fits. It must then give the very
 * route a full build gives, and fall back to the full build where the shortcut does not hold.
 */
/** Cordeau text: `m` vehicles, `n` requests at seeded random points, half with a pickup window. */
function euclideanDay(n: number, m: number): ReturnType<typeof parseCordeau>['instance'] {
  const rng = createRng(7);
  const coord = (): number => Math.round((rng.next() * 20 - 10) * 100) / 100;
  const rows = [`${m} ${n} 480 6 60`, '0 0 0 0 0 0 720'];
  const windows = Array.from({ length: n }, () => Math.floor(rng.next() * 600));
  for (let i = 0; i < n; i++)
    rows.push(`${i + 1} ${coord()} ${coord()} 3 1 ${i % 2 ? `${windows[i]} ${windows[i]! + 15}` : '0 720'}`);
  for (let i = 0; i < n; i++)
    rows.push(
      `${n + i + 1} ${coord()} ${coord()} 3 -1 ${i % 2 ? '0 720' : `${windows[i]} ${windows[i]! + 15}`}`,
    );
  rows.push(`${2 * n + 1} 0 0 0 0 0 720`);
  return parseCordeau('day', rows.join('\n')).instance;
}

function interiorWithout(inst: { nReq: number }, rt: Route, r: number): number[] {
  return [...rt.seq.slice(1, -1)].filter((node) => node !== r && node !== inst.nReq + r);
}

function sameRoute(a: Route | null, b: Route | null): void {
  expect(a).not.toBeNull();
  expect(b).not.toBeNull();
  expect([...a!.seq]).toEqual([...b!.seq]);
  expect(a!.cost).toBeCloseTo(b!.cost, 9);
  for (const key of ['earliest', 'latest', 'effService', 'rideSlack', 'arcTime'] as const)
    expect([...a![key]]).toEqual([...b![key]]);
  expect([...a!.load]).toEqual([...b!.load]);
}

describe('shrunkRoute', () => {
  it('equals a full build for every request taken out of a plan (Euclidean travel)', () => {
    const inst = euclideanDay(30, 4);
    const routes = emptyRoutes(inst);
    const all = Array.from({ length: inst.nReq }, (_, r) => r);
    expect(repair(inst, routes, all, 2, createRng(3), 0)).toEqual([]);
    let compared = 0;
    for (const rt of routes)
      for (let p = 1; p < rt.seq.length - 1; p++) {
        const r = rt.seq[p]!;
        if (r >= inst.nReq) continue;
        const interior = interiorWithout(inst, rt, r);
        sameRoute(shrunkRoute(inst, rt.v, interior), buildRoute(inst, rt.v, interior));
        compared++;
      }
    expect(compared).toBe(inst.nReq);
  });

  it('checks the route again where a detour is faster than the direct trip', () => {
    // Request 0 rides from P0 (1, 0) to D0 (2, 0), request 1 from P1 (1, 1) to D1 (2, 1); D0 must be
    // served by minute 20. The direct trip P0 → D0 is made to take 100 minutes, so only the detour
    // via P1 and D1 reaches D0 in time: taking request 1 out makes the route infeasible.
    const rows = [
      '1 2 480 3 200',
      '0 0 0 0 0 0 480',
      '1 1 0 0 1 0 480',
      '2 1 1 0 1 0 480',
      '3 2 0 0 -1 0 20',
      '4 2 1 0 -1 0 480',
      '5 0 0 0 0 0 480',
    ];
    const inst = parseCordeau('detour', rows.join('\n')).instance;
    const n = inst.nLoc;
    const [p0, d0] = [inst.loc[0]!, inst.loc[inst.nReq]!];
    for (const tt of inst.time) {
      tt[p0 * n + d0] = 100;
      tt[d0 * n + p0] = 100;
    }
    const full = buildRoute(inst, 0, [0, 1, inst.nReq + 1, inst.nReq]);
    expect(full).not.toBeNull();
    const interior = interiorWithout(inst, full!, 1);
    expect(buildRoute(inst, 0, interior)).toBeNull();
    expect(shrunkRoute(inst, 0, interior)).toBeNull();
  });
});

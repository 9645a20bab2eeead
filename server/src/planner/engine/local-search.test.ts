import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { buildProblem, parseInput } from '../domain/build.ts';
import { closeLoops, toPlan } from '../domain/plan.ts';
import { createTurfTravelModel } from '../domain/travel.ts';
import { checkPlan } from '../testing/check-plan.ts';
import { randomDayArb } from '../testing/policy-arb.ts';
import { emptyRoutes, repair, solutionCost } from './alns.ts';
import { type LocalSearchOptions, localSearch } from './local-search.ts';
import { createRng } from './rng.ts';
import { buildRoute, type Route } from './route.ts';

const travel = createTurfTravelModel();

/**
 * Two clusters far apart (a east of the depot, b west), two requests in each, wide windows:
 * requests 0, 1 are in a, 2, 3 in b. Served crosswise (a and b on each vehicle) the plan is poor.
 */
function clusters(): ReturnType<typeof parseCordeau>['instance'] {
  const n = 4;
  const pts: [number, number][] = [
    [100, 0],
    [100, 1],
    [-100, 0],
    [-100, 1],
  ];
  const rows = [`2 ${n} 1000 3 100`, '0 0 0 0 0 0 1000'];
  for (const [i, [x, y]] of pts.entries()) rows.push(`${i + 1} ${x} ${y} 1 1 0 1000`);
  for (const [i, [x, y]] of pts.entries()) rows.push(`${n + i + 1} ${x + Math.sign(x)} ${y} 1 -1 0 1000`);
  rows.push(`${2 * n + 1} 0 0 0 0 0 1000`);
  return parseCordeau('clusters', rows.join('\n')).instance;
}

function crosswise(): { inst: ReturnType<typeof clusters>; routes: Route[] } {
  const inst = clusters();
  const R = inst.nReq;
  const routes = [buildRoute(inst, 0, [0, R, 2, R + 2])!, buildRoute(inst, 1, [3, R + 3, 1, R + 1])!];
  expect(routes.every((r) => r !== null)).toBe(true);
  return { inst, routes };
}

describe('localSearch', () => {
  const only: [string, LocalSearchOptions][] = [
    ['relocate', { exchange: false, tails: false }],
    ['exchange', { relocate: false, tails: false }],
    ['tail exchange (2-opt*)', { relocate: false, exchange: false }],
  ];
  for (const [name, opts] of only) {
    it(`${name} finds the improving move on a constructed plan`, () => {
      const { inst, routes } = crosswise();
      const before = solutionCost(inst, routes, []);
      const gain = localSearch(inst, routes, createRng(1), { ...opts, rounds: 1 });
      const after = solutionCost(inst, routes, []);
      expect(gain).toBeGreaterThan(100);
      expect(after).toBeCloseTo(before - gain, 6);
      // Every request still served once, on a route that is feasible as built.
      const nodes = routes.flatMap((r) => [...r.seq.slice(1, -1)]).sort((a, b) => a - b);
      expect(nodes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const r of routes) expect(buildRoute(inst, r.v, r.seq.slice(1, -1))).not.toBeNull();
    });
  }

  it('never returns an infeasible route and never raises the cost (independent checker)', () => {
    fc.assert(
      fc.property(randomDayArb({ trips: { min: 4, max: 16 }, withParcels: true }), ({ seed, input }) => {
        const problem = buildProblem(parseInput(input), travel);
        const { inst } = problem;
        const routes = emptyRoutes(inst);
        const all = [...Array(inst.nReq).keys()];
        // Random-order insertion leaves plenty for the local search to improve.
        const unserved = repair(inst, routes, all, 0, createRng(seed), 0);
        const before = solutionCost(inst, routes, unserved);
        localSearch(inst, routes, createRng(seed + 1));
        const cost = solutionCost(inst, routes, unserved);
        expect(cost).toBeLessThanOrEqual(before + 1e-9);
        const served = routes.flatMap((r) => [...r.seq.slice(1, -1)]).filter((n) => n < inst.nReq);
        expect(served.length + unserved.length).toBe(inst.nReq);
        expect(new Set(served).size).toBe(served.length);
        const sol = { routes, unserved, cost };
        const plan = toPlan(problem, closeLoops(problem, sol), {
          iterations: 0,
          elapsedMs: 0,
          improvements: 0,
        });
        expect(checkPlan(input, plan, travel)).toEqual([]);
      }),
      { numRuns: 40, seed: 1 },
    );
  });
});

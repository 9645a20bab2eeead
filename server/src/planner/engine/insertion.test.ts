import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { orders } from '../testing/orders.ts';
import { bestInsertion, buildTrial, type Placement } from './insertion.ts';
import { buildRoute } from './route.ts';

/**
 * Insertion screening rejects placements on the route's cached bounds (windows, ride times, loads
 * and the duration limit tying its ends, route.ts `cacheScheduled`) before any exact check. A bound
 * that is too tight would lose feasible placements silently: the search would just find worse plans.
 * So the screened-and-confirmed cheapest insertion must equal the cheapest over every placement
 * checked exactly, on routes whose shift limit binds.
 */
const N = 4;

/** Cordeau text: one vehicle, N requests on a 20 × 20 grid, a shift limit of `T` minutes. */
const instanceArb = fc
  .record({
    T: fc.integer({ min: 70, max: 200 }),
    pts: fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })), {
      minLength: 2 * N,
      maxLength: 2 * N,
    }),
    tw: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: N, maxLength: N }),
    outbound: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
    order: fc.nat(),
  })
  .map(({ T, pts, tw, outbound, order }) => {
    const rows = [`1 ${N} ${T} 3 30`, '0 0 0 0 0 0 240'];
    for (let i = 0; i < N; i++) {
      const [x, y] = pts[i]!;
      rows.push(`${i + 1} ${x} ${y} 1 1 ${outbound[i] ? '0 240' : `${tw[i]} ${tw[i]! + 30}`}`);
    }
    for (let i = 0; i < N; i++) {
      const [x, y] = pts[N + i]!;
      rows.push(`${N + i + 1} ${x} ${y} 1 -1 ${outbound[i] ? `${tw[i]! + 10} ${tw[i]! + 40}` : '0 240'}`);
    }
    rows.push(`${2 * N + 1} 0 0 0 0 0 240`);
    return { text: rows.join('\n'), order };
  });

const ROUTE_ORDERS = orders(N, [0, 1, 2]);

describe('insertion screening', () => {
  it.each([
    ['', 0],
    [' when the vehicle is disinfected after dirty passengers', 12],
  ])(
    'finds the cheapest feasible placement that an exact check of every placement finds%s',
    (_, disinfection) => {
      let compared = 0;
      fc.assert(
        fc.property(
          instanceArb,
          fc.array(fc.boolean(), { minLength: N, maxLength: N }),
          ({ text, order }, dirty) => {
            const inst = parseCordeau('tiny', text).instance;
            inst.disinfection[0] = disinfection;
            if (disinfection > 0)
              dirty.forEach((d, r) => {
                inst.dirty[r] = d ? 1 : 0;
              });
            const route = buildRoute(inst, 0, ROUTE_ORDERS[order % ROUTE_ORDERS.length]!);
            if (!route) return;
            const r = N - 1;
            let brute = Number.POSITIVE_INFINITY;
            const q = route.seq.length - 1;
            for (let i = 0; i < q; i++)
              for (let j = i; j < q; j++) {
                const trial = buildTrial(inst, route, r, i, j);
                const built = buildRoute(inst, 0, trial.slice(1, trial.length - 1));
                if (built) brute = Math.min(brute, built.cost - route.cost);
              }
            const out: Placement = { cost: 0, i: 0, j: 0 };
            const found = bestInsertion(inst, route, r, out);
            if (brute === Number.POSITIVE_INFINITY) expect(found).toBe(Number.POSITIVE_INFINITY);
            else {
              compared++;
              expect(found).toBeCloseTo(brute, 9);
            }
          },
        ),
        { numRuns: 2000, seed: 14 },
      );
      // The property says something only if many routes had a feasible placement to find.
      expect(compared).toBeGreaterThan(100);
    },
  );

  it('under a cutoff finds the same placement when it is cheaper than the cutoff, and none otherwise', () => {
    let below = 0;
    let above = 0;
    fc.assert(
      fc.property(
        instanceArb,
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.boolean(),
        ({ text, order }, share, verify) => {
          const inst = parseCordeau('tiny', text).instance;
          const route = buildRoute(inst, 0, ROUTE_ORDERS[order % ROUTE_ORDERS.length]!);
          if (!route) return;
          const r = N - 1;
          const free: Placement = { cost: 0, i: 0, j: 0 };
          const full = bestInsertion(inst, route, r, free, 0, null, verify);
          if (full === Number.POSITIVE_INFINITY) return;
          const cutoff = full * share + 1e-6;
          const cut: Placement = { cost: 0, i: 0, j: 0 };
          const found = bestInsertion(inst, route, r, cut, 0, null, verify, cutoff);
          if (full < cutoff) {
            below++;
            expect(found).toBe(full);
            expect([cut.i, cut.j]).toEqual([free.i, free.j]);
          } else {
            above++;
            expect(found).toBe(Number.POSITIVE_INFINITY);
          }
        },
      ),
      { numRuns: 6000, seed: 15 },
    );
    expect(below).toBeGreaterThan(50);
    expect(above).toBeGreaterThan(50);
  });
});

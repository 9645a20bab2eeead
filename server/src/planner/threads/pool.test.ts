import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanPolicy } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { planDay } from '../domain/plan.ts';
import { createTurfTravelModel } from '../domain/travel.ts';
import { schedule } from '../engine/route.ts';
import { checkPlan } from '../testing/check-plan.ts';
import { generateScenario } from '../testing/scenario.ts';
import { PlannerPool } from './pool.ts';

const travel = createTurfTravelModel();
const DAY = Date.UTC(2022, 3, 11);
const pool = new PlannerPool(3);
afterAll(() => pool.close());

const day = (seed: number, trips: number, vehicles: number, policy?: PlanPolicy) =>
  generateScenario(seed, {
    trips,
    vehicles,
    hospitals: 2,
    center: [121.47, 31.23],
    spread: 0.04,
    day: DAY,
    emergencyShare: 0.2,
    ...(policy ? { policy } : {}),
  }).input;

describe('planner threads', () => {
  it('every plan two cooperating threads return keeps every hard rule (independent checker)', {
    timeout: 300_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 4, max: 14 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (seed, trips, vehicles, onePatient) => {
          const input = day(seed, trips, vehicles, { onePatientPerVehicle: onePatient });
          const plan = await pool.run(
            { kind: 'plan', input, maxIterations: 60, timeLimitMs: 60_000, seed },
            2,
          );
          expect(checkPlan(input, plan, travel)).toEqual([]);
        },
      ),
      { numRuns: 8, seed: 3 },
    );
  });

  it('is deterministic for a seed and an iteration limit; one thread plans exactly as planDay does', {
    timeout: 300_000,
  }, async () => {
    const input = day(11, 30, 5);
    const job = { kind: 'plan', input, maxIterations: 120, timeLimitMs: 120_000, seed: 5 } as const;
    const [a, b] = [await pool.run(job, 2), await pool.run(job, 2)];
    expect(a.routes).toEqual(b.routes);
    expect(a.unserved).toEqual(b.unserved);
    const alone = await pool.run(job, 1);
    const sync = planDay({ input, travel, maxIterations: 120, timeLimitMs: 120_000, seed: 5 });
    expect(alone.routes).toEqual(sync.routes);
    expect(alone.unserved).toEqual(sync.unserved);
  });

  it('a job that fails rejects with its error and the pool keeps planning', {
    timeout: 120_000,
  }, async () => {
    const input = day(2, 4, 1);
    const broken = { ...input, vehicles: [{ ...input.vehicles[0]!, seats: -1 }] };
    await expect(pool.run({ kind: 'plan', input: broken, seed: 1 }, 2)).rejects.toThrow(/seats/);
    const plan = await pool.run({ kind: 'plan', input, maxIterations: 10, timeLimitMs: 60_000, seed: 1 }, 2);
    expect(checkPlan(input, plan, travel)).toEqual([]);
  });

  const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/bench/darp');
  it.skipIf(!existsSync(sharedBench))(
    'solves a benchmark instance on two threads with feasible routes',
    { timeout: 120_000 },
    async () => {
      const text = readFileSync(join(sharedBench, 'a2-16.txt'), 'utf8');
      const result = await pool.run(
        { kind: 'darp', name: 'a2-16', text, maxIterations: 200, timeLimitMs: 60_000, seed: 1 },
        2,
      );
      expect(result.unserved).toBe(0);
      const inst = parseCordeau('a2-16', text).instance;
      const served = result.output.routes.reduce((n, r) => n + r.nodes.length - 2, 0);
      expect(served).toBe(2 * inst.nReq);
      // The output's node ids are locations; on a Cordeau instance pickup r sits at location r + 1.
      result.output.routes.forEach((route, v) => {
        const seq = Int32Array.from(
          route.nodes.map((id, p) => {
            if (p === 0) return 2 * inst.nReq + 2 * v;
            if (p === route.nodes.length - 1) return 2 * inst.nReq + 2 * v + 1;
            return id - 1;
          }),
        );
        expect(schedule(inst, v, seq, seq.length)).toBe(true);
      });
    },
  );
});

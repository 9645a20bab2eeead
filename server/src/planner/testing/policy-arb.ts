import type { PlanInput, PlanPolicy } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';
import { generateScenario } from './scenario.ts';

/** Random district policies for property tests: every combination of the hard rules' knobs. */
export const policyArb: fc.Arbitrary<PlanPolicy> = fc.record({
  onePatientPerVehicle: fc.boolean(),
  disinfectAfterEveryPassenger: fc.boolean(),
  maxRide: fc.oneof(
    fc.record({
      kind: fc.constant('factor' as const),
      factor: fc.double({ min: 1.2, max: 3, noNaN: true }),
      minimumMinutes: fc.integer({ min: 10, max: 40 }),
    }),
    fc.record({ kind: fc.constant('absolute' as const), minutes: fc.integer({ min: 20, max: 60 }) }),
  ),
  maxRouteDurationMinutes: fc.integer({ min: 240, max: 720 }),
});

/**
 * A random small district day for property tests: a seed, a few trips (a fifth of them emergencies)
 * on 1–5 vehicles and 2 hospitals in a 4 km square, under a random policy, optionally with up to two
 * parcels. The day is an instant of its own: the planner reads no calendar.
 */
export function randomDayArb(options: {
  trips: { min: number; max: number };
  withParcels?: boolean;
}): fc.Arbitrary<{ seed: number; input: PlanInput }> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer(options.trips),
      fc.integer({ min: 1, max: 5 }),
      policyArb,
    )
    .map(([seed, trips, vehicles, policy]) => ({
      seed,
      input: generateScenario(seed, {
        trips,
        vehicles,
        hospitals: 2,
        center: [121.47, 31.23],
        spread: 0.04,
        day: RANDOM_DAY,
        policy,
        emergencyShare: 0.2,
        ...(options.withParcels ? { deliveries: seed % 3 } : {}),
      }).input,
    }));
}

const RANDOM_DAY = Date.UTC(2022, 3, 11);

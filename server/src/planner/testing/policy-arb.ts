import type { PlanPolicy } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';

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

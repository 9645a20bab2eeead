import { describe, expect, it } from 'vitest';
import { planDay } from '../domain/plan.ts';
import { createTurfTravelModel } from '../domain/travel.ts';
import { checkPlan } from './check-plan.ts';
import { generateScenario } from './scenario.ts';

const travel = createTurfTravelModel();

describe('checkPlan (the tests’ independent checker)', () => {
  const { input } = generateScenario(2, {
    trips: 12,
    vehicles: 4,
    hospitals: 2,
    center: [121.47, 31.23],
    spread: 0.04,
    day: Date.UTC(2022, 3, 11),
  });
  const plan = planDay({ input, travel, maxIterations: 50 });

  it('accepts the planner’s plan and catches tampering', () => {
    expect(checkPlan(input, plan, travel)).toEqual([]);
    const route = plan.routes.find((r) => r.stops.length >= 4)!;
    const tamper = (f: (p: typeof plan) => void): string[] => {
      const copy = structuredClone(plan);
      f(copy);
      return checkPlan(input, copy, travel);
    };
    // Arrive before the vehicle can get there.
    expect(
      tamper((p) => (p.routes.find((r) => r.vehicleId === route.vehicleId)!.stops[1]!.arrival -= 3600000)),
    ).not.toEqual([]);
    // Lose a leg.
    expect(tamper((p) => p.routes.find((r) => r.vehicleId === route.vehicleId)!.stops.pop())).not.toEqual([]);
    // Report a routed leg as unserved too.
    expect(
      tamper((p) =>
        p.unserved.push({
          legId: route.stops[0]!.legId,
          tripId: route.stops[0]!.tripId,
          reason: { code: 'fleet_busy', params: {} },
        }),
      ),
    ).not.toEqual([]);
  });
});

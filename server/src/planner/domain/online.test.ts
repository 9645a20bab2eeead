import type { PlanTrip } from '@lastmeter/shared/planner.ts';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../testing/check-plan.ts';
import { generateScenario } from '../testing/scenario.ts';
import {
  breakDownVehicle,
  cancelTrip,
  insertTrip,
  type LivePlan,
  releaseReturn,
  replanAfterDelay,
} from './online.ts';
import { type Plan, planDay } from './plan.ts';
import { createTurfTravelModel } from './travel.ts';

const travel = createTurfTravelModel();
const DAY = Date.UTC(2022, 3, 11);
const H = 3600000;

function livePlan(seed: number): LivePlan {
  const { input } = generateScenario(seed, {
    trips: 25,
    vehicles: 6,
    hospitals: 3,
    center: [121.47, 31.23],
    spread: 0.04,
    day: DAY,
    emergencyShare: 0,
  });
  // Every vehicle may carry emergencies in these tests' insertions: make two of them 120s.
  input.vehicles[0]!.kind = 'ambulance_120';
  input.vehicles[0]!.stretchers = 1;
  input.vehicles[1]!.kind = 'ambulance_120';
  input.vehicles[1]!.stretchers = 1;
  return { input, plan: planDay({ input, travel, maxIterations: 100, seed }) };
}

/** Vehicle → ordered stop keys, for the legs in `keep`. */
function orders(plan: Plan, keep: (legId: string) => boolean): Map<string, string[]> {
  return new Map(
    plan.routes.map((r) => [
      r.vehicleId,
      r.stops.filter((s) => keep(s.legId)).map((s) => `${s.legId}/${s.type}`),
    ]),
  );
}

const emergency = (id: string): PlanTrip => ({
  id,
  gate: [121.46, 31.22],
  hospitalId: 'H0',
  hospitalEntrance: [121.48, 31.24],
  appointmentFrom: DAY + 10 * H,
  appointmentTo: DAY + 10 * H + 30 * 60000,
  mobility: 'walk',
  infectionClass: 'normal',
  urgency: 'emergency',
  returnMode: { kind: 'will_call' },
});

describe('online operations', () => {
  it('inserts an emergency without moving any other leg', () => {
    const live = livePlan(3);
    const next = insertTrip({ live, travel, trip: emergency('E1') });
    expect(checkPlan(next.input, next.plan, travel)).toEqual([]);
    expect(next.plan.unserved.filter((u) => u.tripId === 'E1')).toEqual([]);
    expect(orders(next.plan, (l) => !l.startsWith('E1:'))).toEqual(orders(live.plan, () => true));
  });

  it('plans a will-call return once the hospital releases the patient', () => {
    const live = insertTrip({ live: livePlan(7), travel, trip: emergency('E2') });
    expect(live.plan.awaitingRelease).toContain('E2:ret');
    const outbound = live.plan.routes
      .flatMap((r) => r.stops)
      .find((s) => s.legId === 'E2:out' && s.type === 'dropoff')!;
    const next = releaseReturn({ live, travel, tripId: 'E2', releasedAt: outbound.start + 2 * H });
    expect(checkPlan(next.input, next.plan, travel)).toEqual([]);
    expect(next.plan.awaitingRelease).not.toContain('E2:ret');
    const stops = next.plan.routes.flatMap((r) => r.stops).filter((s) => s.legId === 'E2:ret');
    expect(stops.map((s) => s.type)).toEqual(['pickup', 'dropoff']);
    expect(stops[0]!.start).toBeGreaterThanOrEqual(outbound.start + 2 * H);
    expect(orders(next.plan, (l) => l !== 'E2:ret')).toEqual(orders(live.plan, () => true));
  });

  it('cancels a trip leaving the others in order', () => {
    const live = livePlan(4);
    const victim = live.plan.routes[0]!.stops[0]!.tripId;
    const next = cancelTrip({ live, travel, tripId: victim });
    expect(checkPlan(next.input, next.plan, travel)).toEqual([]);
    const before = orders(live.plan, (l) => !l.startsWith(`${victim}:`));
    const after = orders(next.plan, (l) => live.plan.routes.some((r) => r.stops.some((s) => s.legId === l)));
    for (const [v, stops] of after) expect(stops).toEqual(before.get(v));
  });

  it('moves a broken-down vehicle’s legs to others and keeps the rest in order', () => {
    const live = livePlan(5);
    const broken = live.plan.routes[0]!.vehicleId;
    const next = breakDownVehicle({ live, travel, vehicleId: broken });
    expect(checkPlan(next.input, next.plan, travel)).toEqual([]);
    expect(next.plan.routes.some((r) => r.vehicleId === broken)).toBe(false);
    const movedLegs = new Set(live.plan.routes[0]!.stops.map((s) => s.legId));
    const before = orders(live.plan, (l) => !movedLegs.has(l));
    const after = orders(next.plan, (l) => !movedLegs.has(l));
    for (const [v, stops] of before) if (v !== broken) expect(after.get(v) ?? []).toEqual(stops);
  });

  it('re-plans after a delay, handing over only what the late vehicle can no longer make', () => {
    const live = livePlan(6);
    const late = live.plan.routes[0]!;
    const next = replanAfterDelay({
      live,
      travel,
      vehicleId: late.vehicleId,
      availableFrom: { at: late.stops[0]!.location, time: late.stops[0]!.start + 2 * H },
    });
    expect(checkPlan(next.input, next.plan, travel)).toEqual([]);
    const lateLegs = new Set(late.stops.map((s) => s.legId));
    const before = orders(live.plan, (l) => !lateLegs.has(l));
    const after = orders(next.plan, (l) => !lateLegs.has(l));
    for (const [v, stops] of before) if (v !== late.vehicleId) expect(after.get(v) ?? []).toEqual(stops);
  });
});

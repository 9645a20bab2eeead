import type { PlanInput } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../testing/check-plan.ts';
import { randomDayArb } from '../testing/policy-arb.ts';
import { planDay } from './plan.ts';
import { createTurfTravelModel } from './travel.ts';

const travel = createTurfTravelModel();
const DAY = Date.UTC(2022, 3, 11);
const H = 3600000;
const MIN = 60000;

describe('planDay', () => {
  it('keeps every hard rule on random small days (independent checker)', () => {
    fc.assert(
      fc.property(randomDayArb({ trips: { min: 3, max: 12 } }), ({ seed, input }) => {
        const plan = planDay({ input, travel, maxIterations: 25, seed });
        expect(checkPlan(input, plan, travel)).toEqual([]);
      }),
      { numRuns: 40, seed: 1 },
    );
  });

  const base = (over: Partial<PlanInput> = {}): PlanInput => ({
    vehicles: [
      {
        id: 'van',
        kind: 'requisitioned',
        seats: 4,
        wheelchairPlaces: 1,
        stretchers: 0,
        base: [121.4, 31.2],
        shiftStart: DAY + 6 * H,
        shiftEnd: DAY + 20 * H,
        disinfectionMinutes: 20,
      },
    ],
    trips: [],
    policy: {},
    ...over,
  });
  const trip = (id: string, lng: number, over: Partial<PlanInput['trips'][number]> = {}) => ({
    id,
    gate: [lng, 31.21] as [number, number],
    hospitalId: 'h',
    hospitalEntrance: [121.45, 31.23] as [number, number],
    appointmentFrom: DAY + 8 * H - 20 * MIN,
    appointmentTo: DAY + 8 * H,
    mobility: 'walk' as const,
    infectionClass: 'normal' as const,
    urgency: 'scheduled' as const,
    returnMode: { kind: 'fixed' as const, treatmentMinutes: 240 },
    ...over,
  });

  it('shares a vehicle between two normal patients, never between infection classes', () => {
    const shared = base({ trips: [trip('a', 121.41), trip('b', 121.411)] });
    const p1 = planDay({ input: shared, travel, maxIterations: 50 });
    expect(p1.unserved).toEqual([]);
    const out = p1.routes[0]!.stops.map((s) => `${s.legId}/${s.type}`);
    expect(out.indexOf('b:out/pickup')).toBeLessThan(out.indexOf('a:out/dropoff'));

    const mixed = base({ trips: [trip('a', 121.41), trip('b', 121.411, { infectionClass: 'positive' })] });
    const p2 = planDay({ input: mixed, travel, maxIterations: 50 });
    expect(checkPlan(mixed, p2, travel)).toEqual([]);
    expect(p2.routes[0]?.stops.some((s) => s.disinfectedUntil !== undefined)).toBe(true);
  });

  it('returns after treatment ends, and waits for a will-call release', () => {
    const input = base({
      trips: [trip('fixed', 121.41), trip('wc', 121.42, { returnMode: { kind: 'will_call' } })],
    });
    const plan = planDay({ input, travel, maxIterations: 50 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
    expect(plan.awaitingRelease).toEqual(['wc:ret']);
    const ret = plan.routes[0]!.stops.find((s) => s.legId === 'fixed:ret' && s.type === 'pickup')!;
    expect(ret.start).toBeGreaterThanOrEqual(DAY + 12 * H);
  });

  it('sends emergencies and stretchers only by 120, and reports when there is none', () => {
    const input = base({
      trips: [trip('e', 121.41, { urgency: 'emergency' }), trip('s', 121.42, { mobility: 'stretcher' })],
    });
    const plan = planDay({ input, travel, maxIterations: 20 });
    expect(plan.routes).toEqual([]);
    expect(plan.unserved.map((u) => [u.legId, u.reason.code])).toEqual([
      ['e:out', 'no_ambulance'],
      ['e:ret', 'no_ambulance'],
      ['s:out', 'no_ambulance'],
      ['s:ret', 'no_ambulance'],
    ]);
  });

  it('sends the ambulance to an emergency at once, not at the late end of its window', () => {
    const ambulance = {
      id: 'amb',
      kind: 'ambulance_120' as const,
      seats: 2,
      wheelchairPlaces: 1,
      stretchers: 1,
      base: [121.4, 31.2] as [number, number],
      shiftStart: DAY + 6 * H,
      shiftEnd: DAY + 20 * H,
      disinfectionMinutes: 30,
    };
    const raisedAt = DAY + 9 * H;
    const input = base({
      vehicles: [ambulance],
      trips: [
        trip('e', 121.41, { urgency: 'emergency', appointmentFrom: raisedAt, appointmentTo: raisedAt + H }),
      ],
    });
    const plan = planDay({ input, travel, maxIterations: 20 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
    const pickup = plan.routes[0]!.stops.find((s) => s.legId === 'e:out' && s.type === 'pickup')!;
    const drive =
      travel.minutes(
        [
          [121.4, 31.2],
          [121.41, 31.21],
        ],
        'ambulance_120',
      )[1]! * MIN;
    expect(pickup.arrival).toBeLessThanOrEqual(raisedAt + drive + MIN);
  });

  it('uses a 120 ambulance for scheduled care only as a last resort', () => {
    const ambulance = {
      id: 'amb',
      kind: 'ambulance_120' as const,
      seats: 2,
      wheelchairPlaces: 1,
      stretchers: 1,
      base: [121.41, 31.21] as [number, number],
      shiftStart: DAY + 6 * H,
      shiftEnd: DAY + 20 * H,
      disinfectionMinutes: 20,
    };
    const input = base({ trips: [trip('a', 121.41)] });
    input.vehicles.push(ambulance);
    const plan = planDay({ input, travel, maxIterations: 50 });
    expect(plan.routes.map((r) => r.vehicleId)).toEqual(['van']);
  });

  it('keeps fixed (accepted) stops on their vehicle and in their order', () => {
    const input = base({ trips: [trip('a', 121.41), trip('b', 121.43), trip('c', 121.42)] });
    input.vehicles.push({ ...input.vehicles[0]!, id: 'van2' });
    input.vehicles[1]!.fixedStops = [
      { legId: 'b:out', type: 'pickup' },
      { legId: 'b:out', type: 'dropoff' },
    ];
    const plan = planDay({ input, travel, maxIterations: 80 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
    const van2 = plan.routes.find((r) => r.vehicleId === 'van2')!;
    const order = van2.stops.map((s) => `${s.legId}/${s.type}`);
    expect(order.indexOf('b:out/pickup')).toBeLessThan(order.indexOf('b:out/dropoff'));
  });
});

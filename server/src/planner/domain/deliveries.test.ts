import type { PlanDelivery, PlanInput, PlanPolicy } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../testing/check-plan.ts';
import { generateScenario } from '../testing/scenario.ts';
import { planDay } from './plan.ts';
import { createTurfTravelModel } from './travel.ts';

/** Medicine deliveries planned with the legs (issue 12), checked by the independent plan checker. */
const travel = createTurfTravelModel();
const DAY = Date.UTC(2022, 3, 11) - 8 * 3600000;
const H = 3600000;
const MIN = 60000;
const PHARMACY: [number, number] = [121.45, 31.23];

const van = (id: string, kind: 'requisitioned' | 'ambulance_120' = 'requisitioned') => ({
  id,
  kind,
  seats: 4,
  wheelchairPlaces: 1,
  stretchers: kind === 'ambulance_120' ? 1 : 0,
  base: [121.4, 31.2] as [number, number],
  shiftStart: DAY + 6 * H,
  shiftEnd: DAY + 20 * H,
  disinfectionMinutes: 20,
});
const parcel = (id: string, lng: number, over: Partial<PlanDelivery> = {}): PlanDelivery => ({
  id,
  pharmacy: PHARMACY,
  gate: [lng, 31.21],
  pickupFrom: DAY + 8 * H,
  pickupTo: DAY + 18 * H,
  dropoffFrom: DAY + 10 * H,
  dropoffTo: DAY + 18 * H,
  ...over,
});
const trip = (id: string, over: Partial<PlanInput['trips'][number]> = {}) => ({
  id,
  gate: [121.41, 31.21] as [number, number],
  hospitalId: 'h',
  hospitalEntrance: PHARMACY,
  appointmentFrom: DAY + 10 * H - 20 * MIN,
  appointmentTo: DAY + 10 * H,
  mobility: 'walk' as const,
  infectionClass: 'normal' as const,
  urgency: 'scheduled' as const,
  returnMode: { kind: 'fixed' as const, treatmentMinutes: 60 },
  ...over,
});

describe('planning medicine deliveries with the legs', () => {
  it('batches several parcels of one pharmacy into one vehicle-run', () => {
    const input: PlanInput = {
      vehicles: [van('van')],
      trips: [],
      deliveries: [parcel('m1', 121.41), parcel('m2', 121.412), parcel('m3', 121.414)],
    };
    const plan = planDay({ input, travel, maxIterations: 100 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
    expect(plan.unserved).toEqual([]);
    expect(plan.stats).toMatchObject({ deliveries: 3, deliveriesServed: 3, legs: 0 });
    // One trip to the pharmacy for all three, then the gates: three pickups before the first drop-off.
    const types = plan.routes[0]!.stops.map((s) => s.type);
    expect(types).toEqual(['pickup', 'pickup', 'pickup', 'dropoff', 'dropoff', 'dropoff']);
    const first = plan.routes[0]!.stops[0]!;
    expect(first.location).toEqual(PHARMACY);
    expect(first.legId).toBe('m1:dlv');
  });

  it('never gives a parcel to a 120 ambulance, and says why it stays unserved', () => {
    const input: PlanInput = {
      vehicles: [van('amb', 'ambulance_120')],
      trips: [],
      deliveries: [parcel('m', 121.41)],
    };
    const plan = planDay({ input, travel, maxIterations: 30 });
    expect(plan.routes).toEqual([]);
    expect(plan.unserved).toEqual([
      { legId: 'm:dlv', tripId: 'm', reason: { code: 'no_compatible_vehicle', params: {} } },
    ]);
  });

  it('keeps the parcel off the vehicle while a close contact rides, when there is one vehicle for both', () => {
    // The return of a close contact leaves the pharmacy's hospital when the parcel must: they cannot share.
    const contact = trip('cc', { infectionClass: 'close_contact' });
    const input: PlanInput = {
      vehicles: [van('van')],
      trips: [contact],
      deliveries: [parcel('m', 121.41, { dropoffFrom: DAY + 11 * H, dropoffTo: DAY + 12 * H })],
    };
    const plan = planDay({ input, travel, maxIterations: 200 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
  });

  it('puts patients first: a parcel that would push a patient out is left for later', () => {
    const tight = { ...van('car'), seats: 1, shiftStart: DAY + 9 * H, shiftEnd: DAY + 12 * H };
    const input: PlanInput = {
      vehicles: [tight],
      trips: [trip('a')],
      deliveries: [parcel('m', 121.5, { dropoffFrom: DAY + 9 * H + 50 * MIN, dropoffTo: DAY + 10 * H })],
    };
    const plan = planDay({ input, travel, maxIterations: 200 });
    expect(checkPlan(input, plan, travel)).toEqual([]);
    expect(plan.unserved.map((u) => u.legId)).not.toContain('a:out');
  });

  it('keeps every rule on random days with parcels (independent checker, property)', () => {
    const policyArb: fc.Arbitrary<PlanPolicy> = fc.record({
      onePatientPerVehicle: fc.boolean(),
      disinfectAfterEveryPassenger: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        policyArb,
        (seed, trips, deliveries, vehicles, policy) => {
          const { input } = generateScenario(seed, {
            trips,
            deliveries,
            vehicles,
            hospitals: 2,
            center: [121.47, 31.23],
            spread: 0.04,
            day: DAY,
            policy,
          });
          const plan = planDay({ input, travel, maxIterations: 25, seed });
          expect(checkPlan(input, plan, travel)).toEqual([]);
          expect(plan.stats.deliveries).toBe(deliveries);
        },
      ),
      { numRuns: 30, seed: 7 },
    );
  });
});

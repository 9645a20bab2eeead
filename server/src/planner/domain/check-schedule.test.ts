import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVehicleSchedule, type GateLeg, type GateVehicle } from './check-schedule.ts';
import { createTurfTravelModel } from './travel.ts';

const travel = createTurfTravelModel();
const MIN = 60_000;
const T0 = Date.UTC(2030, 0, 16, 0, 0); // 08:00 in Shanghai
const GATE: [number, number] = [121.43, 31.17];
const HOSPITAL: [number, number] = [121.45, 31.19];
const ride = travel.minutes([GATE, HOSPITAL], 'volunteer')[1]!;

const car: GateVehicle = {
  id: 'car',
  label: '沪A·1',
  kind: 'volunteer',
  seats: 4,
  wheelchairPlaces: 0,
  stretchers: 0,
  disinfectionMinutes: 20,
  base: GATE,
};

/** An outbound leg picked up at `at` minutes after T0, arriving as the planner would book it. */
function leg(id: string, at: number, overrides: Partial<GateLeg> = {}): GateLeg {
  const pickupAt = T0 + at * MIN;
  return {
    id,
    from: GATE,
    to: HOSPITAL,
    pickupAt,
    dropoffAt: pickupAt + (2 + ride) * MIN,
    mobility: 'walk',
    companions: 0,
    infectionClass: 'normal',
    urgency: 'scheduled',
    aboard: false,
    changed: true,
    ...overrides,
  };
}

const check = (
  legs: GateLeg[],
  vehicle = car,
  extra: Partial<Parameters<typeof checkVehicleSchedule>[0]> = {},
) => checkVehicleSchedule({ vehicle, legs, now: T0 - 60 * MIN, travel, ...extra });

describe('the schedule gate check', () => {
  it('accepts one patient in a car at the planned time', () => {
    expect(check([leg('a', 0)])).toBeNull();
  });

  it('refuses emergencies and stretchers off an ambulance, and scheduled care on one unless allowed', () => {
    expect(check([leg('a', 0, { urgency: 'emergency' })])?.rule).toBe('vehicle_kind');
    expect(check([leg('a', 0, { mobility: 'stretcher' })])?.rule).toBe('vehicle_kind');
    const ambulance = { ...car, kind: 'ambulance_120' as const, stretchers: 1 };
    expect(check([leg('a', 0)], ambulance)?.rule).toBe('ambulance_reserve');
    expect(check([leg('a', 0)], ambulance, { allow: ['ambulance_reserve'] })).toBeNull();
  });

  it('names the legs aboard together when seats, wheelchair places or classes do not fit', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
      leg(id, i * 2, { dropoffAt: T0 + (30 + i * 2) * MIN }),
    );
    expect(check(five)).toMatchObject({ rule: 'capacity_seats', legIds: ['a', 'b', 'c', 'd', 'e'] });
    expect(check([leg('w', 0, { mobility: 'wheelchair' })])?.rule).toBe('capacity_wheelchair');
    const mixed = [
      leg('cc', 0, { infectionClass: 'close_contact', dropoffAt: T0 + 40 * MIN }),
      leg('n', 2, { dropoffAt: T0 + 42 * MIN }),
    ];
    expect(check(mixed)).toMatchObject({ rule: 'infection_mix', legIds: ['cc', 'n'] });
    const two = [leg('a', 0, { dropoffAt: T0 + 40 * MIN }), leg('b', 2, { dropoffAt: T0 + 42 * MIN })];
    // A shared ride: the first patient's ride is long, which only a dispatcher's override allows.
    expect(check(two)?.rule).toBe('ride_time');
    expect(check(two, car, { allow: ['ride_time'] })).toBeNull();
    expect(check(two, car, { allow: ['ride_time'], policy: { onePatientPerVehicle: true } })?.rule).toBe(
      'one_patient',
    );
  });

  it('keeps the disinfection gap after a close contact, and after everyone where the district says so', () => {
    const first = leg('cc', 0, { infectionClass: 'close_contact' });
    const backAt = (first.dropoffAt - T0) / MIN + 2 + ride;
    const soon = leg('n', backAt + 2, { from: HOSPITAL, to: GATE });
    expect(check([first, soon])).toMatchObject({ rule: 'disinfection_gap', legIds: ['cc', 'n'] });
    expect(check([first, leg('n', backAt + 25, { from: HOSPITAL, to: GATE })])).toBeNull();
    const normal = leg('a', 0);
    expect(check([normal, soon])).toBeNull();
    expect(check([normal, soon], car, { policy: { disinfectAfterEveryPassenger: true } })?.rule).toBe(
      'disinfection_gap',
    );
  });

  it('refuses a booked time before now, and a window missed unless the dispatcher overrides it', () => {
    expect(check([leg('a', 0)], car, { now: T0 + 10 * MIN })?.rule).toBe('in_the_past');
    const late = leg('a', 0, { dropoffWindow: [T0 - 60 * MIN, T0] });
    expect(check([late])?.rule).toBe('time_window');
    expect(check([late], car, { allow: ['time_window'] })).toBeNull();
  });

  it('never accepts a schedule that puts two classes, or more than the seats, aboard at once (property)', () => {
    const arbitraryLeg = fc.record({
      at: fc.integer({ min: 0, max: 180 }),
      length: fc.integer({ min: 5, max: 60 }),
      infectionClass: fc.constantFrom('normal', 'close_contact', 'positive'),
      companions: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryLeg, { minLength: 1, maxLength: 6 }), (drawn) => {
        const legs = drawn.map((d, i) =>
          leg(`l${i}`, d.at, {
            dropoffAt: T0 + (d.at + d.length) * MIN,
            infectionClass: d.infectionClass as GateLeg['infectionClass'],
            companions: d.companions,
          }),
        );
        const verdict = check(legs, car, { allow: ['travel_time', 'ride_time'] });
        if (verdict !== null) return;
        // Accepted: at every instant, what is aboard fits and is of one class.
        for (const t of legs.flatMap((l) => [l.pickupAt, l.dropoffAt - 1])) {
          const aboard = legs.filter((l) => l.pickupAt <= t && t < l.dropoffAt);
          expect(aboard.reduce((n, l) => n + 1 + l.companions, 0)).toBeLessThanOrEqual(car.seats);
          expect(new Set(aboard.map((l) => l.infectionClass)).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('medicine deliveries at the schedule gate (issue 12)', () => {
  /** A parcel collected at the hospital pharmacy at `at` minutes and left at the gate after the drive. */
  const parcel = (id: string, at: number, overrides: Partial<GateLeg> = {}): GateLeg =>
    leg(id, at, {
      from: HOSPITAL,
      to: GATE,
      parcel: true,
      dropoffAt: T0 + (at + 2 + ride) * MIN,
      ...overrides,
    });

  it('lets a parcel ride beside a normal patient: it takes no seat', () => {
    const full = { ...car, seats: 1 };
    // A patient going home boards at the hospital, the parcel is collected there next, both ride to the gate.
    const back = leg('p', 60, { from: HOSPITAL, to: GATE, dropoffAt: T0 + (64 + ride) * MIN });
    expect(check([back, parcel('m', 62, { dropoffAt: T0 + (66 + ride) * MIN })], full)).toBeNull();
  });

  it('never carries medicines while a close contact or a positive patient is aboard', () => {
    for (const infectionClass of ['close_contact', 'positive'] as const) {
      const patient = leg('p', 60, {
        from: HOSPITAL,
        to: GATE,
        infectionClass,
        dropoffAt: T0 + (62 + ride) * MIN,
      });
      expect(check([patient, parcel('m', 60)])).toMatchObject({
        rule: 'medicine_with_infection',
        legIds: ['p', 'm'],
      });
    }
  });

  it('keeps parcels out of 120 ambulances, whatever else it carries', () => {
    const ambulance = { ...car, kind: 'ambulance_120' as const, stretchers: 1 };
    expect(check([parcel('m', 0)], ambulance, { allow: ['ambulance_reserve'] })).toMatchObject({
      rule: 'ambulance_no_delivery',
      legIds: ['m'],
    });
  });

  it('holds a parcel to its gate window, and to the clock, but not to a ride-time limit', () => {
    const window: [number, number] = [T0, T0 + 30 * MIN];
    expect(check([parcel('m', 0, { dropoffWindow: window })])).toBeNull();
    expect(check([parcel('m', 60, { dropoffWindow: window })])?.rule).toBe('time_window');
    expect(check([parcel('m', 0)], car, { now: T0 + 120 * MIN })?.rule).toBe('in_the_past');
    // Collected early, carried all morning: a parcel has no time-on-board limit.
    expect(check([parcel('m', 0, { dropoffAt: T0 + 240 * MIN })])).toBeNull();
  });

  it('a parcel leaves no dirt: no disinfection after it, even under 一客一消杀', () => {
    const policy = { disinfectAfterEveryPassenger: true };
    const next = leg('n', 2 + ride + 3, { from: GATE });
    expect(check([parcel('m', 0), next], car, { policy })).toBeNull();
  });
});

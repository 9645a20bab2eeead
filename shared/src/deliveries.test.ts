import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_STATUSES,
  DELIVERY_STEP_RULES,
  DELIVERY_STEPS,
  decideDeliveryStep,
  deliveryFlags,
  deliveryTimeRefusal,
  openDeliverySteps,
  PARCEL_ALPHABET,
} from './deliveries.ts';
import { ROLES } from './domain.ts';

describe('the delivery lifecycle', () => {
  it('runs pharmacy → gate → household, each step by its party', () => {
    expect(decideDeliveryStep('pick_up', 'assigned', 'driver')).toEqual({
      ok: true,
      from: 'assigned',
      to: 'picked_up',
    });
    expect(decideDeliveryStep('hand_to_gate', 'picked_up', 'driver')).toMatchObject({
      ok: true,
      to: 'at_gate',
    });
    expect(decideDeliveryStep('receive', 'at_gate', 'gatekeeper')).toMatchObject({
      ok: true,
      to: 'received',
    });
    expect(decideDeliveryStep('hand_over', 'received', 'gatekeeper')).toMatchObject({
      ok: true,
      to: 'delivered',
    });
  });

  it('lets the gatekeeper confirm a parcel the driver forgot to mark as left at the gate', () => {
    expect(decideDeliveryStep('receive', 'picked_up', 'gatekeeper')).toMatchObject({ ok: true });
  });

  it('refuses the wrong party (403) and the wrong status (409 naming what is open)', () => {
    expect(decideDeliveryStep('receive', 'at_gate', 'driver')).toMatchObject({ ok: false, reason: 'role' });
    expect(decideDeliveryStep('pick_up', 'assigned', 'gatekeeper')).toMatchObject({
      ok: false,
      reason: 'role',
    });
    expect(decideDeliveryStep('hand_over', 'at_gate', 'gatekeeper')).toEqual({
      ok: false,
      reason: 'status',
      from: 'at_gate',
      to: 'delivered',
      allowed: ['receive'],
    });
    expect(decideDeliveryStep('cancel', 'picked_up', 'dispatcher')).toMatchObject({
      ok: false,
      reason: 'status',
    });
  });

  it('a decided step always lands on its rule’s status, and only from an open status (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DELIVERY_STEPS),
        fc.constantFrom(...DELIVERY_STATUSES),
        fc.constantFrom(...ROLES),
        (step, status, role) => {
          const verdict = decideDeliveryStep(step, status, role);
          const rule = DELIVERY_STEP_RULES[step];
          expect(verdict.to).toBe(rule.to);
          expect(verdict.ok).toBe(rule.roles.includes(role) && rule.from.includes(status));
          expect(openDeliverySteps(status, role).includes(step)).toBe(verdict.ok);
        },
      ),
    );
  });

  it('nothing leaves a delivered or cancelled parcel', () => {
    for (const role of ROLES) {
      expect(openDeliverySteps('delivered', role)).toEqual([]);
      expect(openDeliverySteps('cancelled', role)).toEqual([]);
    }
  });

  it('parcel numbers use no characters that are misread when called out', () => {
    expect(PARCEL_ALPHABET).not.toMatch(/[01OIL]/);
  });
});

describe('the clock holds a parcel to its own day', () => {
  // 2026-03-10 09:00 in Shanghai.
  const now = new Date('2026-03-10T01:00:00Z');
  const zone = 'Asia/Shanghai';

  it('a parcel of tomorrow is collected from its midnight; one of a day gone by never', () => {
    expect(deliveryTimeRefusal('pick_up', { date: '2026-03-10' }, now, zone)).toBeNull();
    expect(deliveryTimeRefusal('pick_up', { date: '2026-03-11' }, now, zone)).toEqual({
      rule: 'another_day',
      opensAt: '2026-03-10T16:00:00.000Z',
    });
    expect(deliveryTimeRefusal('pick_up', { date: '2026-03-09' }, now, zone)).toEqual({
      rule: 'another_day',
      opensAt: null,
    });
  });

  it('the steps that finish a collected parcel, and cancelling, are never held back (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DELIVERY_STEPS.filter((s) => s !== 'pick_up')),
        fc.integer({ min: -30, max: 30 }),
        (step, days) => {
          const date = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
          expect(deliveryTimeRefusal(step, { date }, now, zone)).toBeNull();
        },
      ),
    );
  });
});

describe('what dispatch must look at on a delivery', () => {
  const window = ['2030-03-06T02:00:00.000Z', '2030-03-06T04:00:00.000Z'] as const;
  const before = new Date('2030-03-06T01:00:00.000Z');
  const after = new Date('2030-03-06T05:00:00.000Z');
  const parcel = (
    status: (typeof DELIVERY_STATUSES)[number],
    planned: { pickup?: string; dropoff?: string } = {},
  ) => ({
    status,
    dropoffWindow: window,
    plannedPickupAt: planned.pickup ?? null,
    plannedDropoffAt: planned.dropoff ?? null,
  });

  it('flags a parcel without a vehicle, and late once the gate closed before it arrived', () => {
    expect(deliveryFlags(parcel('pending'), before)).toEqual({ unassigned: true, late: false });
    expect(deliveryFlags(parcel('pending'), after)).toEqual({ unassigned: true, late: true });
    expect(deliveryFlags(parcel('picked_up'), after)).toEqual({ unassigned: false, late: true });
  });

  it('is late when planned to reach the gate after its window, or not collected when planned', () => {
    const planned = { pickup: '2030-03-06T02:30:00.000Z', dropoff: '2030-03-06T03:00:00.000Z' };
    expect(deliveryFlags(parcel('assigned', planned), before).late).toBe(false);
    expect(deliveryFlags(parcel('assigned', planned), new Date('2030-03-06T02:45:00.000Z')).late).toBe(true);
    expect(
      deliveryFlags(parcel('assigned', { ...planned, dropoff: '2030-03-06T04:30:00.000Z' }), before).late,
    ).toBe(true);
  });

  it('never flags a parcel at the gate, handed over or cancelled', () => {
    for (const status of ['at_gate', 'received', 'delivered', 'cancelled'] as const)
      expect(deliveryFlags(parcel(status), after)).toEqual({ unassigned: false, late: false });
  });
});

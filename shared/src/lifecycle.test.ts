import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEG_DIRECTIONS, LEG_STATUSES, ROLES } from './domain.ts';
import {
  ABOARD_LEG_STATUSES,
  canTransition,
  decideStep,
  earlyFinishRefusal,
  isTerminal,
  LEG_STEPS,
  LEG_TRANSITIONS,
  legOrderRefusal,
  plannedTreatmentEnd,
  requestStatusFromLegs,
  STEP_RULES,
  stepTimeRefusal,
} from './lifecycle.ts';

const status = fc.constantFrom(...LEG_STATUSES);
const step = fc.constantFrom(...LEG_STEPS);
const role = fc.constantFrom(...ROLES);
const direction = fc.constantFrom(...LEG_DIRECTIONS);

describe('leg lifecycle', () => {
  it('walks the happy path of an outbound leg with the roles docs/product.md names', () => {
    let leg = { status: 'planned' as const as (typeof LEG_STATUSES)[number], direction: 'outbound' as const };
    for (const [s, r] of [
      ['assign', 'dispatcher'],
      ['accept', 'driver'],
      ['depart', 'driver'],
      ['reach_pickup', 'driver'],
      ['out', 'gatekeeper'],
      ['confirm_arrival', 'hospital'],
    ] as const) {
      const verdict = decideStep(s, leg, r);
      expect(verdict.ok, `${s} by ${r} from ${leg.status}`).toBe(true);
      leg = { ...leg, status: verdict.to };
    }
    expect(leg.status).toBe('completed');
  });

  it('walks the return leg: driver boards at the hospital, gatekeeper confirms back', () => {
    let leg = { status: 'assigned' as (typeof LEG_STATUSES)[number], direction: 'return' as const };
    for (const [s, r] of [
      ['accept', 'driver'],
      ['board', 'driver'],
      ['arrive', 'driver'],
      ['back', 'gatekeeper'],
    ] as const) {
      const verdict = decideStep(s, leg, r);
      expect(verdict.ok, `${s} by ${r} from ${leg.status}`).toBe(true);
      leg = { ...leg, status: verdict.to };
    }
    expect(leg.status).toBe('completed');
  });

  it('keeps each party to its own steps', () => {
    expect(decideStep('out', { status: 'accepted', direction: 'return' }, 'gatekeeper')).toMatchObject({
      ok: false,
      reason: 'role',
    });
    expect(
      decideStep('confirm_arrival', { status: 'on_board', direction: 'outbound' }, 'driver'),
    ).toMatchObject({ ok: false, reason: 'role' });
    expect(decideStep('assign', { status: 'planned', direction: 'outbound' }, 'driver')).toMatchObject({
      ok: false,
      reason: 'role',
    });
    expect(decideStep('back', { status: 'arrived', direction: 'outbound' }, 'gatekeeper')).toMatchObject({
      ok: false,
      reason: 'role',
    });
  });

  it('names the allowed next statuses when the step does not fit the status', () => {
    expect(decideStep('accept', { status: 'completed', direction: 'outbound' }, 'driver')).toEqual({
      ok: false,
      reason: 'status',
      from: 'completed',
      to: 'accepted',
      allowed: [],
    });
    expect(decideStep('out', { status: 'planned', direction: 'outbound' }, 'gatekeeper')).toMatchObject({
      reason: 'status',
      allowed: ['assigned', 'cancelled'],
    });
  });

  it('property: an allowed step always follows an edge of the transition graph', () => {
    fc.assert(
      fc.property(step, status, direction, role, (s, from, d, r) => {
        const verdict = decideStep(s, { status: from, direction: d }, r);
        if (verdict.ok) {
          expect(canTransition(from, verdict.to)).toBe(true);
          expect(STEP_RULES[s].roles).toContain(r);
        }
      }),
    );
  });

  it('property: nothing leaves a terminal status', () => {
    fc.assert(
      fc.property(step, status, direction, role, (s, from, d, r) => {
        if (isTerminal(from)) expect(decideStep(s, { status: from, direction: d }, r).ok).toBe(false);
      }),
    );
  });

  it('property: any sequence of steps keeps the leg on graph edges, and a refusal names the allowed set', () => {
    fc.assert(
      fc.property(direction, fc.array(fc.tuple(step, role), { maxLength: 30 }), (d, steps) => {
        let current: (typeof LEG_STATUSES)[number] = 'planned';
        for (const [s, r] of steps) {
          const verdict = decideStep(s, { status: current, direction: d }, r);
          if (verdict.ok) current = verdict.to;
          else if (verdict.reason === 'status') expect(verdict.allowed).toEqual(LEG_TRANSITIONS[current]);
        }
        expect(LEG_STATUSES).toContain(current);
      }),
    );
  });

  it('every status is reachable from planned and every non-terminal status can still reach an end', () => {
    const reach = (start: string) => {
      const seen = new Set([start]);
      const todo = [start];
      while (todo.length) {
        const s = todo.pop() as (typeof LEG_STATUSES)[number];
        for (const n of LEG_TRANSITIONS[s]) {
          if (seen.has(n)) continue;
          seen.add(n);
          todo.push(n);
        }
      }
      return seen;
    };
    expect([...reach('planned')].sort()).toEqual([...LEG_STATUSES].sort());
    for (const s of LEG_STATUSES) {
      const ends = [...reach(s)].filter((x) => isTerminal(x as (typeof LEG_STATUSES)[number]));
      expect(ends.length, s).toBeGreaterThan(0);
    }
  });
});

describe('a request’s status from its legs', () => {
  const leg = (direction: 'outbound' | 'return', status: (typeof LEG_STATUSES)[number], released = true) => ({
    direction,
    status,
    released,
  });
  it('is planned once every leg that can be booked has a vehicle; an unreleased will-call return waits', () => {
    expect(requestStatusFromLegs('matched', [leg('outbound', 'assigned'), leg('return', 'assigned')])).toBe(
      'planned',
    );
    expect(
      requestStatusFromLegs('matched', [leg('outbound', 'assigned'), leg('return', 'planned', false)]),
    ).toBe('planned');
    expect(requestStatusFromLegs('planned', [leg('outbound', 'assigned'), leg('return', 'planned')])).toBe(
      'matched',
    );
    expect(
      requestStatusFromLegs('planned', [leg('outbound', 'declined'), leg('return', 'assigned')], true),
    ).toBe('unserved');
  });
  it('ends done or cancelled, and never leaves a terminal status', () => {
    expect(requestStatusFromLegs('planned', [leg('outbound', 'completed'), leg('return', 'completed')])).toBe(
      'done',
    );
    expect(requestStatusFromLegs('planned', [leg('outbound', 'no_show'), leg('return', 'cancelled')])).toBe(
      'cancelled',
    );
    fc.assert(
      fc.property(fc.constantFrom('done', 'cancelled' as const), status, status, (current, a, b) => {
        expect(requestStatusFromLegs(current, [leg('outbound', a), leg('return', b)])).toBe(current);
      }),
    );
  });
});

describe('the clock on steps', () => {
  const DAY = '2030-01-16';
  // The instants below are written in Shanghai time (+08:00).
  const city = { timeZone: 'Asia/Shanghai' };
  const pickup = new Date('2030-01-16T06:40:00+08:00');
  const leg = {
    status: 'accepted' as const,
    date: DAY,
    plannedPickupAt: pickup,
    plannedDropoffAt: new Date('2030-01-16T07:10:00+08:00'),
  };

  it('takes on and works a leg on its own day only; declining and finishing are never held back', () => {
    const eveningBefore = new Date('2030-01-15T21:00:00+08:00');
    for (const s of ['accept', 'depart', 'reach_pickup', 'board', 'out', 'no_show'] as const)
      expect(stepTimeRefusal(s, leg, eveningBefore, city)).toEqual({
        rule: 'another_day',
        opensAt: new Date('2030-01-16T00:00:00+08:00').toISOString(),
      });
    expect(stepTimeRefusal('accept', leg, new Date('2030-01-17T08:00:00+08:00'), city)).toEqual({
      rule: 'another_day',
      opensAt: null,
    });
    for (const s of ['decline', 'arrive', 'back'] as const)
      expect(stepTimeRefusal(s, leg, eveningBefore, city)).toBeNull();
  });

  it('opens "out" 30 minutes before the pickup and the hospital\'s "arrived" 15 before the drop-off', () => {
    const at = (minutes: number) => new Date(pickup.getTime() + minutes * 60_000);
    expect(stepTimeRefusal('out', leg, at(-31), city)).toEqual({
      rule: 'out_not_open',
      opensAt: at(-30).toISOString(),
    });
    expect(stepTimeRefusal('out', leg, at(-30), city)).toBeNull();
    const onBoard = { ...leg, status: 'on_board' as const };
    expect(stepTimeRefusal('confirm_arrival', onBoard, at(10), city)).toEqual({
      rule: 'arrival_not_open',
      opensAt: at(15).toISOString(),
    });
    expect(stepTimeRefusal('confirm_arrival', onBoard, at(15), city)).toBeNull();
    // The driver said the car is there: the desk confirms whenever.
    expect(stepTimeRefusal('confirm_arrival', { ...leg, status: 'arrived' }, at(0), city)).toBeNull();
  });

  it('asks for a reason when a fixed treatment ends more than 15 minutes early; a will-call one never', () => {
    const arrivedAt = new Date('2030-01-16T07:10:00+08:00');
    const appointmentEnd = new Date('2030-01-16T07:30:00+08:00');
    const end = plannedTreatmentEnd({
      returnMode: 'fixed',
      treatmentMinutes: 240,
      arrivedAt,
      appointmentEnd,
    });
    expect(end).toEqual(new Date('2030-01-16T11:30:00+08:00'));
    expect(earlyFinishRefusal(end, new Date('2030-01-16T07:11:00+08:00'))).toEqual({
      rule: 'treatment_not_over',
      opensAt: end?.toISOString(),
    });
    expect(earlyFinishRefusal(end, new Date('2030-01-16T11:15:00+08:00'))).toBeNull();
    expect(
      plannedTreatmentEnd({ returnMode: 'will_call', treatmentMinutes: null, arrivedAt, appointmentEnd }),
    ).toBeNull();
    expect(earlyFinishRefusal(null, arrivedAt)).toBeNull();
  });
});

describe('one leg at a time', () => {
  it('a no-show at the hospital is for a return whose outbound ended there', () => {
    const outbound = (status: (typeof LEG_STATUSES)[number]) => [
      { direction: 'outbound' as const, status, sameTrip: true },
    ];
    expect(
      legOrderRefusal('no_show', 'at_pickup', 'no_show', { direction: 'return' }, outbound('planned')),
    ).toEqual({
      rule: 'outbound_not_finished',
      opensAt: null,
    });
    expect(
      legOrderRefusal('no_show', 'at_pickup', 'no_show', { direction: 'return' }, outbound('completed')),
    ).toBeNull();
    expect(legOrderRefusal('no_show', 'at_pickup', 'no_show', { direction: 'outbound' }, [])).toBeNull();
  });

  it('property: nobody boards while aboard another leg; a return boards only after its outbound completed', () => {
    fc.assert(
      fc.property(
        status,
        direction,
        fc.array(fc.record({ direction, status, sameTrip: fc.boolean() }), { maxLength: 4 }),
        (from, dir, others) => {
          const refusal = legOrderRefusal('board', from, 'on_board', { direction: dir }, others);
          if (ABOARD_LEG_STATUSES.includes(from)) return refusal === null;
          if (others.some((o) => ABOARD_LEG_STATUSES.includes(o.status)))
            return refusal?.rule === 'patient_aboard_elsewhere';
          const outbound = others.find((o) => o.sameTrip && o.direction === 'outbound');
          if (dir === 'return' && outbound && outbound.status !== 'completed')
            return refusal?.rule === 'outbound_not_finished';
          return refusal === null;
        },
      ),
    );
  });
});

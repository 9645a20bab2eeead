import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEG_DIRECTIONS, LEG_STATUSES, ROLES } from './domain.ts';
import {
  canTransition,
  decideStep,
  isTerminal,
  LEG_STEPS,
  LEG_TRANSITIONS,
  requestStatusFromLegs,
  STEP_RULES,
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

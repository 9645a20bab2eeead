import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  careWaysFor,
  isNeedServed,
  needKindOfService,
  pregnancyWeek,
  refuseWayOfService,
} from './care-ways.ts';
import { NEED_KINDS, SERVICE_FOR_NEED, SERVICES, URGENCIES, WAYS_OF_SERVICE } from './domain.ts';

const date = '2026-12-04';
const dueInWeeks = (weeks: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

describe('the rule of the three ways of care', () => {
  it('serves dialysis, chemo- and radiotherapy and emergencies only by trip', () => {
    for (const kind of ['dialysis', 'chemotherapy', 'radiotherapy', 'emergency'] as const) {
      expect(careWaysFor({ kind, urgency: 'scheduled', date })).toEqual({
        allowed: ['trip'],
        preferred: 'trip',
      });
      expect(refuseWayOfService('online_visit', { kind, urgency: 'scheduled', date })).not.toBeNull();
    }
    expect(refuseWayOfService('online_visit', { kind: 'dialysis', urgency: 'scheduled', date })).toBe(
      'way_needs_treatment_on_site',
    );
  });

  it('serves chronic disease online by default, with delivery or trip allowed', () => {
    const ways = careWaysFor({ kind: 'chronic', urgency: 'scheduled', date });
    expect(ways.preferred).toBe('online_visit');
    expect([...ways.allowed].sort()).toEqual(['delivery', 'online_visit', 'trip']);
  });

  it('turns pregnancy from online to trip by week, and trip only at term', () => {
    const at = (weeksToGo: number) =>
      careWaysFor({ kind: 'pregnancy', urgency: 'scheduled', dueDate: dueInWeeks(weeksToGo), date });
    expect(pregnancyWeek(dueInWeeks(20), date)).toBe(20);
    expect(at(20)).toEqual({ allowed: ['online_visit', 'trip'], preferred: 'online_visit' });
    expect(at(12).preferred).toBe('trip');
    expect(at(3)).toEqual({ allowed: ['trip'], preferred: 'trip' });
    expect(
      refuseWayOfService('online_visit', {
        kind: 'pregnancy',
        urgency: 'scheduled',
        dueDate: dueInWeeks(2),
        date,
      }),
    ).toBe('way_term_pregnancy');
    expect(
      refuseWayOfService('delivery', { kind: 'pregnancy', urgency: 'scheduled', dueDate: null, date }),
    ).toBe('way_delivery_chronic_only');
  });

  it('sends every emergency by trip, whatever the need', () => {
    expect(careWaysFor({ kind: 'chronic', urgency: 'emergency', date }).allowed).toEqual(['trip']);
    expect(refuseWayOfService('online_visit', { kind: 'chronic', urgency: 'emergency', date })).toBe(
      'way_emergency_on_site',
    );
  });

  it('reads a request without a need by its service', () => {
    for (const kind of NEED_KINDS)
      expect(SERVICE_FOR_NEED[needKindOfService(SERVICE_FOR_NEED[kind])]).toBe(SERVICE_FOR_NEED[kind]);
    expect(SERVICES.map(needKindOfService)).toHaveLength(SERVICES.length);
  });

  it('always allows a trip and its preferred way; refuses exactly what it does not allow', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NEED_KINDS),
        fc.constantFrom(...URGENCIES),
        fc.option(fc.integer({ min: -10, max: 45 })),
        fc.constantFrom(...WAYS_OF_SERVICE),
        (kind, urgency, weeks, way) => {
          const input = { kind, urgency, date, dueDate: weeks === null ? null : dueInWeeks(weeks) };
          const ways = careWaysFor(input);
          expect(ways.allowed).toContain('trip');
          expect(ways.allowed).toContain(ways.preferred);
          expect(refuseWayOfService(way, input) === null).toBe(ways.allowed.includes(way));
          if (kind === 'dialysis') expect(ways.allowed).toEqual(['trip']);
        },
      ),
    );
  });
});

describe('a need counts as served (the overview and the key figures)', () => {
  it('when booked or done, and a delivery once its parcel has a vehicle', () => {
    expect(isNeedServed({ status: 'planned', serveBy: 'trip' }, false)).toBe(true);
    expect(isNeedServed({ status: 'done', serveBy: 'online_visit' }, false)).toBe(true);
    expect(isNeedServed({ status: 'matched', serveBy: 'trip' }, true)).toBe(false);
    expect(isNeedServed({ status: 'open', serveBy: 'delivery' }, true)).toBe(true);
    expect(isNeedServed({ status: 'unserved', serveBy: 'delivery' }, false)).toBe(false);
  });
});

import type { MatchHospital, MatchRequest } from '@lastmeter/shared/planner.ts';
import { formatPlannerReason } from '@lastmeter/shared/planner.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchHospitals, slotKey } from './matching.ts';
import { createTurfTravelModel } from './travel.ts';

const travel = createTurfTravelModel();
const DAY = Date.UTC(2022, 3, 11);
const H = 3600000;
const slot = { start: DAY + 7 * H, end: DAY + 11 * H };

const hospital = (id: string, lng: number, over: Partial<MatchHospital> = {}): MatchHospital => ({
  id,
  name: `Hospital ${id}`,
  entrance: [lng, 31.2],
  acceptsPositive: false,
  diverting: false,
  services: [{ service: 'dialysis', slots: [{ ...slot, capacity: 2 }] }],
  ...over,
});

const request = (id: string, over: Partial<MatchRequest> = {}): MatchRequest => ({
  id,
  gate: [121.4, 31.2],
  service: 'dialysis',
  appointmentAt: DAY + 8 * H,
  infectionClass: 'normal',
  urgency: 'scheduled',
  ...over,
});

const policy = { maxTravelMinutes: 60 };

describe('matchHospitals', () => {
  it('keeps the regular hospital (continuity of care) when it has room, even if another is nearer', () => {
    const hospitals = [hospital('near', 121.41), hospital('regular', 121.45)];
    const { matches } = matchHospitals({
      requests: [request('r1', { regularHospitalId: 'regular' })],
      hospitals,
      policy,
      travel,
    });
    expect(matches[0]).toMatchObject({ hospitalId: 'regular', reason: { code: 'regular_hospital' } });
    expect(formatPlannerReason(matches[0]!.reason, 'zh-CN')).toContain('Hospital regular');
  });

  it('falls back to the nearest capable hospital when the regular one is full, saying why', () => {
    const hospitals = [
      hospital('regular', 121.45, { services: [{ service: 'dialysis', slots: [{ ...slot, capacity: 1 }] }] }),
      hospital('far', 121.5),
      hospital('near', 121.42),
    ];
    const { matches } = matchHospitals({
      requests: [
        request('a', { regularHospitalId: 'regular' }),
        request('b', { regularHospitalId: 'regular' }),
      ],
      hospitals,
      policy,
      travel,
    });
    expect(matches.map((m) => m.hospitalId)).toEqual(['regular', 'near']);
    expect(matches[1]!.reason).toMatchObject({ code: 'nearest_capable', params: { why: 'regular_full' } });
    expect(formatPlannerReason(matches[1]!.reason, 'en')).toContain(
      'the regular hospital is full in this slot',
    );
  });

  it('sends positive patients only to hospitals that take them', () => {
    const hospitals = [hospital('regular', 121.41), hospital('designated', 121.6, { acceptsPositive: true })];
    const { matches } = matchHospitals({
      requests: [request('p', { regularHospitalId: 'regular', infectionClass: 'positive' })],
      hospitals,
      policy,
      travel,
    });
    expect(matches[0]).toMatchObject({
      hospitalId: 'designated',
      reason: { code: 'nearest_capable', params: { why: 'regular_rejects_positive' } },
    });
  });

  it('avoids diverting hospitals', () => {
    const hospitals = [hospital('regular', 121.41, { diverting: true }), hospital('other', 121.45)];
    const { matches } = matchHospitals({
      requests: [request('r', { regularHospitalId: 'regular' })],
      hospitals,
      policy,
      travel,
    });
    expect(matches[0]).toMatchObject({
      hospitalId: 'other',
      reason: { params: { why: 'regular_diverting' } },
    });
  });

  it('says why when nothing fits', () => {
    const full = [
      hospital('a', 121.41, { services: [{ service: 'dialysis', slots: [{ ...slot, capacity: 0 }] }] }),
    ];
    const cases: [MatchHospital[], Partial<MatchRequest>, string][] = [
      [full, {}, 'no_capacity'],
      [[hospital('a', 121.41)], { service: 'oncology' }, 'no_capable_hospital'],
      [[hospital('a', 121.41)], { infectionClass: 'positive' }, 'no_hospital_accepts_positive'],
      [[hospital('a', 121.41, { diverting: true })], {}, 'all_capable_diverting'],
      [[hospital('a', 123.5)], {}, 'no_hospital_in_range'],
    ];
    for (const [hospitals, over, code] of cases) {
      const { matches, unmatched } = matchHospitals({
        requests: [request('x', over)],
        hospitals,
        policy,
        travel,
      });
      expect(matches).toEqual([]);
      expect(unmatched[0]!.reason.code).toBe(code);
      expect(formatPlannerReason(unmatched[0]!.reason, 'zh-CN')).not.toMatch(/\{\w+\}/);
    }
  });

  it('never exceeds slot capacity over a whole day of matches, and serves emergencies first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lng: fc.double({ min: 121.3, max: 121.5, noNaN: true }),
            cap: fc.integer({ min: 0, max: 3 }),
            positive: fc.boolean(),
            diverting: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(
          fc.record({
            regular: fc.integer({ min: 0, max: 5 }),
            positive: fc.boolean(),
            emergency: fc.boolean(),
            hour: fc.integer({ min: 6, max: 12 }),
          }),
          { maxLength: 25 },
        ),
        (hs, rs) => {
          const hospitals = hs.map((h, i) =>
            hospital(`h${i}`, h.lng, {
              acceptsPositive: h.positive,
              diverting: h.diverting,
              services: [{ service: 'dialysis', slots: [{ ...slot, capacity: h.cap }] }],
            }),
          );
          const requests = rs.map((r, i) =>
            request(`r${i}`, {
              regularHospitalId: `h${r.regular}`,
              infectionClass: r.positive ? 'positive' : 'normal',
              urgency: r.emergency ? 'emergency' : 'scheduled',
              appointmentAt: DAY + r.hour * H,
            }),
          );
          const { matches, unmatched } = matchHospitals({ requests, hospitals, policy, travel });
          expect(matches.length + unmatched.length).toBe(requests.length);
          const used = new Map<string, number>();
          for (const m of matches) {
            const h = hospitals.find((x) => x.id === m.hospitalId)!;
            const r = requests.find((x) => x.id === m.requestId)!;
            expect(h.diverting).toBe(false);
            if (r.infectionClass === 'positive') expect(h.acceptsPositive).toBe(true);
            expect(m.slotStart).toBe(slot.start);
            const key = slotKey(h.id, 'dialysis', slot.start);
            used.set(key, (used.get(key) ?? 0) + 1);
          }
          for (const [key, n] of used) {
            const h = hospitals.find((x) => key.startsWith(`${x.id}|`))!;
            expect(n).toBeLessThanOrEqual(h.services[0]!.slots![0]!.capacity);
          }
          // An unmatched emergency means no scheduled request took a place it could have had.
          const firstScheduled = matches.findIndex(
            (m) => requests.find((r) => r.id === m.requestId)!.urgency === 'scheduled',
          );
          const lastEmergency = matches.findLastIndex(
            (m) => requests.find((r) => r.id === m.requestId)!.urgency === 'emergency',
          );
          if (firstScheduled >= 0 && lastEmergency >= 0) expect(lastEmergency).toBeLessThan(firstScheduled);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });
});

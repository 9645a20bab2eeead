import { isoWeekdayOf } from '@lastmeter/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestForNeedOn } from './schedule-rules.ts';

const dialysis = {
  kind: 'dialysis' as const,
  schedule: { weekdays: [1, 3, 5], startTime: '07:00', sessionMinutes: 240 },
};

describe('requestForNeedOn', () => {
  it('gives a Mon/Wed/Fri dialysis patient a request on exactly those days', () => {
    // 2026-11-23 is a Monday.
    const week = [
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ];
    expect(week.map((d) => requestForNeedOn(dialysis, d, 'Asia/Shanghai') !== null)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('sets the arrival window to the 30 minutes before the start, on the city clock', () => {
    const r = requestForNeedOn(dialysis, '2026-11-23', 'Asia/Shanghai');
    expect(r?.windowStart.toISOString()).toBe('2026-11-22T22:30:00.000Z');
    expect(r?.windowEnd.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    const inNewYork = requestForNeedOn(dialysis, '2026-11-23', 'America/New_York');
    expect(inNewYork?.windowEnd.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(r?.returnMode).toBe('fixed');
    expect(r?.treatmentMinutes).toBe(240);
  });

  it('makes prenatal visits will-call and skips medicine-delivery chronic needs', () => {
    const pregnancy = {
      kind: 'pregnancy' as const,
      schedule: { dueDate: '2027-01-10', visits: [{ date: '2026-11-24', startTime: '09:00' }] },
    };
    expect(requestForNeedOn(pregnancy, '2026-11-24', 'Asia/Shanghai')).toMatchObject({
      service: 'obstetrics',
      returnMode: 'will_call',
      treatmentMinutes: null,
    });
    const chronic = {
      kind: 'chronic' as const,
      schedule: { medicineDelivery: true, visits: [{ date: '2026-11-24', startTime: '09:00' }] },
    };
    expect(requestForNeedOn(chronic, '2026-11-24', 'Asia/Shanghai')).toBeNull();
  });

  it('counts exactly one request per listed weekday over any run of seven days', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (weekdays, start) => {
          const need = { kind: 'dialysis' as const, schedule: { weekdays, startTime: '13:00' } };
          let hits = 0;
          for (let i = 0; i < 7; i++) {
            const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
            if (requestForNeedOn(need, date, 'Asia/Shanghai')) {
              hits++;
              expect(weekdays).toContain(isoWeekdayOf(date));
            }
          }
          expect(hits).toBe(weekdays.length);
        },
      ),
    );
  });
});

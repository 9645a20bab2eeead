import { isoWeekdayOf } from '@lastmeter/shared';
import { describe, expect, it } from 'vitest';
import { effectiveCapacity } from './effective-capacity.ts';

describe('effectiveCapacity', () => {
  const template = [
    { service: 'dialysis' as const, weekday: 1, startTime: '07:00', endTime: '11:00', capacity: 20 },
    { service: 'dialysis' as const, weekday: 1, startTime: '12:00', endTime: '16:00', capacity: 18 },
    { service: 'dialysis' as const, weekday: 2, startTime: '07:00', endTime: '11:00', capacity: 5 },
  ];

  it('knows ISO weekdays', () => {
    expect(isoWeekdayOf('2022-04-11')).toBe(1);
    expect(isoWeekdayOf('2022-04-17')).toBe(7);
  });

  it("takes the date's weekday from the template", () => {
    expect(
      effectiveCapacity('2022-04-11', template, []).map((s) => [s.startTime, s.capacity, s.source]),
    ).toEqual([
      ['07:00', 20, 'template'],
      ['12:00', 18, 'template'],
    ]);
  });

  it('lets an override replace a slot, close one with 0, or add one', () => {
    const overrides = [
      { service: 'dialysis' as const, startTime: '07:00', endTime: '11:00', capacity: 0 },
      { service: 'dialysis' as const, startTime: '17:00', endTime: '21:00', capacity: 10 },
    ];
    expect(
      effectiveCapacity('2022-04-11', template, overrides).map((s) => [s.startTime, s.capacity, s.source]),
    ).toEqual([
      ['07:00', 0, 'override'],
      ['12:00', 18, 'template'],
      ['17:00', 10, 'override'],
    ]);
  });
});

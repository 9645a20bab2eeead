import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  cityClockOf,
  cityDateOf,
  cityDayEnd,
  cityDayStart,
  cityInstant,
  cityLocalOf,
  cityLocalToInstant,
  isoWeekdayOf,
  isTimeZone,
} from './city-time.ts';
import { anotherDayRefusal } from './lifecycle.ts';

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'Europe/London', 'UTC'] as const;

describe('the city clock in the configured zone', () => {
  it('reads the date and wall clock of an instant in the zone, not the machine', () => {
    const at = new Date('2026-12-04T20:30:00Z');
    expect(cityDateOf(at, 'Asia/Shanghai')).toBe('2026-12-05');
    expect(cityClockOf(at, 'Asia/Shanghai')).toBe('04:30');
    expect(cityDateOf(at, 'America/New_York')).toBe('2026-12-04');
    expect(cityClockOf(at, 'America/New_York')).toBe('15:30');
    // UTC+14: already the day after tomorrow's morning where New York is still in the afternoon.
    expect(cityLocalOf(at, 'Pacific/Kiritimati')).toBe('2026-12-05T10:30');
  });

  it('puts a day between its midnights: 23 and 25 hours on New York daylight-saving days', () => {
    expect(cityDayStart('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(cityDayEnd('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(cityDayStart('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(cityDayEnd('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(cityDayStart('2026-12-05', 'Pacific/Kiritimati').toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(cityDayStart('2026-12-05', 'Asia/Shanghai').toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('reads a repeated hour as its first occurrence and a skipped one as if the clock had not jumped', () => {
    expect(cityInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(cityInstant('2026-11-01', '03:00', 'America/New_York').toISOString()).toBe(
      '2026-11-01T08:00:00.000Z',
    );
    expect(cityInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('turns a wall-clock time into the instant showing it, on any day in any zone (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, day, hour, minute) => {
          const date = addDays('2026-01-01', day);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const at = cityInstant(date, time, zone);
          // A skipped hour (New York, London in spring) shows the time an hour on; all others exactly.
          if (cityClockOf(at, zone) === time) expect(cityDateOf(at, zone)).toBe(date);
          else expect(cityLocalOf(at.getTime() - 3_600_000, zone)).toBe(`${date}T${time}`);
          expect(cityLocalToInstant(`${date}T${time}`, zone)).toEqual(at);
        },
      ),
    );
  });

  it('every instant of a day lies between its start and end, and the end is the next day (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }),
        (zone, ms) => {
          const date = cityDateOf(ms, zone);
          expect(cityDayStart(date, zone).getTime()).toBeLessThanOrEqual(ms);
          expect(cityDayEnd(date, zone).getTime()).toBeGreaterThan(ms);
          expect(cityDateOf(cityDayEnd(date, zone), zone)).toBe(addDays(date, 1));
          expect(cityDateOf(cityDayEnd(date, zone).getTime() - 1, zone)).toBe(date);
        },
      ),
    );
  });

  it('opens tomorrow at the zone’s own midnight', () => {
    const now = new Date('2026-12-04T20:30:00Z');
    expect(anotherDayRefusal('2026-12-05', now, 'America/New_York')).toEqual({
      rule: 'another_day',
      opensAt: '2026-12-05T05:00:00.000Z',
    });
    expect(anotherDayRefusal('2026-12-05', now, 'Pacific/Kiritimati')).toBeNull();
    expect(anotherDayRefusal('2026-12-05', now, 'Asia/Shanghai')).toBeNull();
  });

  it('counts calendar days and weekdays without a zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(isoWeekdayOf('2026-12-07')).toBe(1);
    expect(isoWeekdayOf('2026-12-06')).toBe(7);
  });

  it('knows a time zone name from a typo', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Asia/Shangai')).toBe(false);
  });
});

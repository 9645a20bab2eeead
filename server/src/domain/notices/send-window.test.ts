import { cityClockOf } from '@lastmeter/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inQuietHours, MAX_ATTEMPTS, nextSendableAt, retryDelayMs } from './send-window.ts';

describe('quiet hours', () => {
  it('wraps midnight', () => {
    expect(inQuietHours('22:00', '21:30', '07:00')).toBe(true);
    expect(inQuietHours('06:59', '21:30', '07:00')).toBe(true);
    expect(inQuietHours('07:00', '21:30', '07:00')).toBe(false);
    expect(inQuietHours('12:00', '12:00', '13:00')).toBe(true);
    expect(inQuietHours('12:00', '08:00', '08:00')).toBe(false);
  });

  it('never sends inside the window, and waits no longer than to its end', () => {
    const clock = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        clock,
        clock,
        (now, start, end) => {
          const at = nextSendableAt(now, start, end, 'Asia/Shanghai');
          expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime() - 60_000);
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
          expect(inQuietHours(cityClockOf(at, 'Asia/Shanghai'), start, end)).toBe(false);
        },
      ),
    );
  });
});

describe('retry backoff', () => {
  it('grows, is capped, and honours Retry-After', () => {
    expect(retryDelayMs(1, undefined, () => 1)).toBe(10_000);
    expect(retryDelayMs(2, undefined, () => 1)).toBe(20_000);
    expect(retryDelayMs(MAX_ATTEMPTS + 20, undefined, () => 1)).toBe(30 * 60_000);
    expect(retryDelayMs(1, 120, () => 0)).toBe(120_000);
    expect(retryDelayMs(3, undefined, () => 0)).toBe(20_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstFreePlace, placeMinutes } from './visit-times.ts';

const H = 3_600_000;
const M = 60_000;

describe('online slot places', () => {
  const slot = { start: 8 * H, end: 12 * H, capacity: 16 };

  it('gives each place an equal share of the slot, in whole minutes', () => {
    expect(placeMinutes(slot)).toBe(15);
    expect(placeMinutes({ start: 0, end: 60 * M, capacity: 7 })).toBe(8);
    expect(placeMinutes({ ...slot, capacity: 0 })).toBe(0);
  });

  it('takes the first free place at or after the time asked', () => {
    expect(firstFreePlace(slot, new Set(), 0)).toEqual({ startsAt: 8 * H, endsAt: 8 * H + 15 * M });
    expect(firstFreePlace(slot, new Set([8 * H]), 0)?.startsAt).toBe(8 * H + 15 * M);
    expect(firstFreePlace(slot, new Set(), 9 * H + 1)?.startsAt).toBe(9 * H + 15 * M);
  });

  it('has no place left when every place is taken or past', () => {
    expect(firstFreePlace(slot, new Set(), 12 * H)).toBeNull();
    const all = new Set(Array.from({ length: 16 }, (_, k) => 8 * H + k * 15 * M));
    expect(firstFreePlace(slot, all, 0)).toBeNull();
  });

  it('never gives more places than the capacity, never outside the slot, never twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 80 }), (minutes, capacity) => {
        const s = { start: 10 * H, end: 10 * H + minutes * M, capacity };
        const taken = new Set<number>();
        for (;;) {
          const place = firstFreePlace(s, taken, 0);
          if (!place) break;
          expect(place.startsAt).toBeGreaterThanOrEqual(s.start);
          expect(place.endsAt).toBeLessThanOrEqual(s.end);
          expect(taken.has(place.startsAt)).toBe(false);
          taken.add(place.startsAt);
        }
        expect(taken.size).toBeLessThanOrEqual(capacity);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { type LegFacts, noticeFor } from './notice-rules.ts';

const leg = (over: Partial<LegFacts>): LegFacts => ({
  type: 'leg.status_changed',
  legId: 'L',
  tripId: 'T',
  direction: 'outbound',
  status: 'assigned',
  released: true,
  vehicleId: 'V',
  plannedPickupAt: '2026-03-02T06:00:00.000Z',
  ...over,
});

describe('which notice a leg event calls for', () => {
  it('tells the household when the car sets off, is at the gate, or the trip is cancelled', () => {
    expect(noticeFor(leg({ status: 'en_route' }), undefined)).toEqual({ kind: 'vehicle_departed', key: 'L' });
    expect(noticeFor(leg({ status: 'at_pickup' }), undefined)).toEqual({ kind: 'vehicle_at_gate', key: 'L' });
    expect(noticeFor(leg({ status: 'cancelled' }), undefined)).toEqual({
      kind: 'trip_cancelled',
      key: 'trip',
    });
    expect(noticeFor(leg({ status: 'on_board' }), undefined)).toBeNull();
  });

  it('tells of a changed pickup only once told a time, and only for a move of 10 minutes or more', () => {
    expect(noticeFor(leg({}), undefined)).toBeNull();
    expect(noticeFor(leg({}), '2026-03-02T06:05:00.000Z')).toBeNull();
    expect(noticeFor(leg({}), '2026-03-02T05:45:00.000Z')).toEqual({
      kind: 'trip_changed',
      key: '2026-03-02T06:00:00.000Z',
    });
  });

  it('books the return once it is released and has a vehicle', () => {
    const back = { direction: 'return' as const, legId: 'R' };
    expect(noticeFor(leg({ ...back, released: false }), undefined)).toBeNull();
    expect(noticeFor(leg({ ...back, vehicleId: null }), undefined)).toBeNull();
    expect(noticeFor(leg({ ...back }), undefined)).toEqual({ kind: 'return_booked', key: 'R:V' });
  });
});

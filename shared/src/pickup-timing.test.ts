import { describe, expect, it } from 'vitest';
import { pickupTiming } from './pickup-timing.ts';

const now = new Date('2030-03-04T08:00:00+08:00');
const leg = (status: Parameters<typeof pickupTiming>[0]['status'], at: string) => ({
  status,
  plannedPickupAt: null,
  pickupWindow: [at, null] as const,
});

describe('pickupTiming', () => {
  it('is late once the pickup passed with nobody under way', () => {
    expect(pickupTiming(leg('planned', '2030-03-04T07:50:00+08:00'), now)).toBe('late');
    expect(pickupTiming(leg('accepted', '2030-03-04T07:50:00+08:00'), now)).toBe('late');
  });
  it('is at risk close to the pickup without a vehicle, on time with one', () => {
    expect(pickupTiming(leg('planned', '2030-03-04T08:20:00+08:00'), now)).toBe('at_risk');
    expect(pickupTiming(leg('assigned', '2030-03-04T08:20:00+08:00'), now)).toBe('on_time');
    expect(pickupTiming(leg('planned', '2030-03-04T09:20:00+08:00'), now)).toBe('on_time');
  });
  it('never flags a leg whose driver is on the way or whose patient is aboard', () => {
    expect(pickupTiming(leg('en_route', '2030-03-04T07:00:00+08:00'), now)).toBe('on_time');
    expect(pickupTiming(leg('on_board', '2030-03-04T07:00:00+08:00'), now)).toBe('on_time');
  });
});

import { LEG_STATUSES, type LegStatus } from '@lastmeter/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movingLeg, tripEnded, tripPhase } from './trip-phase.ts';

const status = fc.constantFrom(...LEG_STATUSES);

describe('trip phase for the family', () => {
  it('follows the round trip from booking to home', () => {
    const story: Array<[LegStatus, LegStatus | null, string]> = [
      ['assigned', 'planned', 'waiting'],
      ['en_route', 'planned', 'coming'],
      ['at_pickup', 'planned', 'at_gate'],
      ['on_board', 'planned', 'to_hospital'],
      ['completed', 'assigned', 'at_hospital'],
      ['completed', 'en_route', 'at_hospital'],
      ['completed', 'on_board', 'returning'],
      ['completed', 'completed', 'home'],
      ['cancelled', 'cancelled', 'cancelled'],
    ];
    for (const [out, back, phase] of story) expect(tripPhase(out, back)).toBe(phase);
  });

  it('ends the link only when neither leg can move again', () => {
    expect(tripEnded('completed', 'completed')).toBe(true);
    expect(tripEnded('cancelled', 'cancelled')).toBe(true);
    expect(tripEnded('completed', 'on_board')).toBe(false);
    expect(tripEnded('declined', 'planned')).toBe(false);
    fc.assert(
      fc.property(status, status, (out, back) => {
        // A leg on the road is never "ended", and a followed vehicle always belongs to a live trip.
        if (movingLeg(out, back) !== null) expect(tripEnded(out, back)).toBe(false);
      }),
    );
  });

  it('shows the vehicle only while one of the legs is on the road', () => {
    expect(movingLeg('accepted', 'planned')).toBeNull();
    expect(movingLeg('en_route', 'planned')).toBe('outbound');
    expect(movingLeg('completed', 'accepted')).toBeNull();
    expect(movingLeg('completed', 'en_route')).toBe('return');
    expect(movingLeg('completed', 'completed')).toBeNull();
  });
});

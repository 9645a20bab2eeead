import {
  ABOARD_LEG_STATUSES,
  isTerminal,
  type LegStatus,
  type TrackView,
  UNDER_WAY_LEG_STATUSES,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';

/** The vehicle is on the road for this leg (under way or the patient aboard): its position is the family's business. */
const MOVING: readonly LegStatus[] = [...UNDER_WAY_LEG_STATUSES, ...ABOARD_LEG_STATUSES];

export type Phase = TrackView['phase'];

/**
 * Where a round trip stands for the family behind the gate. A declined leg is re-planned by
 * dispatch, so it reads as still waiting.
 */
export function tripPhase(outbound: LegStatus, back: LegStatus | null): Phase {
  if (outbound === 'cancelled' || outbound === 'no_show') return 'cancelled';
  switch (outbound) {
    case 'planned':
    case 'assigned':
    case 'accepted':
    case 'declined':
      return 'waiting';
    case 'en_route':
      return 'coming';
    case 'at_pickup':
      return 'at_gate';
    case 'on_board':
    case 'arrived':
    case 'refused_at_gate':
      return 'to_hospital';
    case 'completed':
      if (back === 'on_board' || back === 'arrived') return 'returning';
      if (back === 'completed') return 'home';
      return 'at_hospital';
    default:
      return exhaustive(outbound);
  }
}

/** The link stops working once nothing about the round trip can change any more. */
export function tripEnded(outbound: LegStatus, back: LegStatus | null): boolean {
  // A terminal leg will not move any more (a declined one is re-planned by dispatch).
  return isTerminal(outbound) && (back === null || isTerminal(back));
}

/** Which leg's vehicle the family follows now, if any is on the road. */
export function movingLeg(outbound: LegStatus, back: LegStatus | null): 'outbound' | 'return' | null {
  if (MOVING.includes(outbound)) return 'outbound';
  if (back && MOVING.includes(back)) return 'return';
  return null;
}

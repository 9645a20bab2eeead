import type { LegStatus } from './domain.ts';

/** How a leg's pickup stands against the clock, as dispatch must see it. */
export type PickupTiming = 'late' | 'at_risk' | 'on_time';

/** A pickup with no vehicle under way this close to its time is at risk. */
export const AT_RISK_MINUTES = 30;

/** Statuses in which nobody is on the way to the pickup yet. */
const NOT_UNDER_WAY: readonly LegStatus[] = ['planned', 'declined', 'assigned', 'accepted'];

/**
 * `late` once the pickup time (planned, else the window's start) has passed with nobody under way to
 * it; `at_risk` when it comes within AT_RISK_MINUTES and the leg still has no vehicle; else `on_time`.
 */
export function pickupTiming(
  leg: {
    status: LegStatus;
    plannedPickupAt: string | null;
    pickupWindow: readonly [string | null, string | null];
  },
  now: Date,
): PickupTiming {
  if (!NOT_UNDER_WAY.includes(leg.status)) return 'on_time';
  const at = leg.plannedPickupAt ?? leg.pickupWindow[0];
  if (!at) return 'on_time';
  const until = Date.parse(at) - now.getTime();
  if (until < 0) return 'late';
  const unbooked = leg.status === 'planned' || leg.status === 'declined';
  return unbooked && until <= AT_RISK_MINUTES * 60_000 ? 'at_risk' : 'on_time';
}

/**
 * The times an online slot gives out: its places one after another, each `(end − start) / capacity`
 * long (whole minutes), so a visit has a time of its own the gatekeeper can pass on.
 */
export interface OnlineSlot {
  start: number;
  end: number;
  capacity: number;
}

const MINUTE = 60_000;

export function placeMinutes(slot: OnlineSlot): number {
  if (slot.capacity <= 0) return 0;
  return Math.max(1, Math.floor((slot.end - slot.start) / slot.capacity / MINUTE));
}

/** The first free place of the slot that starts at or after `notBefore`, or null when none is left. */
export function firstFreePlace(
  slot: OnlineSlot,
  taken: ReadonlySet<number>,
  notBefore: number,
): { startsAt: number; endsAt: number } | null {
  const length = placeMinutes(slot) * MINUTE;
  if (length === 0) return null;
  for (let k = 0; k < slot.capacity; k++) {
    const startsAt = slot.start + k * length;
    if (startsAt + length > slot.end) break;
    if (startsAt < notBefore || taken.has(startsAt)) continue;
    return { startsAt, endsAt: startsAt + length };
  }
  return null;
}

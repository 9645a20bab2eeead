import { cityClockOf } from '@lastmeter/shared';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a local wall-clock time falls in [start, end), a window that may wrap midnight. */
export function inQuietHours(clock: string, start: string, end: string): boolean {
  const [t, s, e] = [minutes(clock), minutes(start), minutes(end)];
  if (s === e) return false;
  return s < e ? t >= s && t < e : t >= s || t < e;
}

/**
 * The first instant at or after `now` outside the household's quiet hours: `now` itself, or the
 * window's end. Computed minute by minute from the local clock, so it holds in any time zone.
 */
export function nextSendableAt(now: Date, start: string, end: string, timeZone: string): Date {
  if (!inQuietHours(cityClockOf(now, timeZone), start, end)) return now;
  const nowMinutes = minutes(cityClockOf(now, timeZone));
  const wait = (minutes(end) - nowMinutes + 24 * 60) % (24 * 60);
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** Attempts before a notice is given up: a few hours of a provider being down, not a day. */
export const MAX_ATTEMPTS = 8;

/**
 * Exponential backoff with jitter after a failed attempt (n = attempts so far): 10 s, 20 s, 40 s …
 * capped at 30 min; a provider's Retry-After wins when it asks for longer.
 */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number, random = Math.random): number {
  const base = Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  const jittered = base / 2 + random() * (base / 2);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

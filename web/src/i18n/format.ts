import { cityDateOf, cityFormat, DEFAULT_TIME_ZONE, type Locale } from '@lastmeter/shared';

/**
 * Every time is shown in the city's time zone, whatever the device says: gate schedules, ETAs and
 * appointment windows must read the same for a driver, a gatekeeper and a hospital. The zone is the
 * server's `TIME_ZONE`, read once at start from `GET /api/v1/city` (main.tsx).
 */
let timeZone = DEFAULT_TIME_ZONE;

function setCityTimeZone(zone: string): void {
  timeZone = zone;
}

export function cityTimeZone(): string {
  return timeZone;
}

/** Asks the server for the city's time zone; a server that cannot say leaves the default. */
export async function loadCityTimeZone(): Promise<void> {
  try {
    const response = await fetch('/api/v1/city');
    if (!response.ok) return;
    const city = (await response.json()) as { timeZone?: unknown };
    if (typeof city.timeZone === 'string') setCityTimeZone(city.timeZone);
  } catch {
    // Offline at start: the default zone until the next load.
  }
}

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cityFormat(timeZone, locale, options);
}

type DateInput = Date | string | number;

/** Date and time, e.g. 2022/4/12 07:30 or Apr 12, 2022, 07:30. */
export function formatDateTime(value: DateInput, locale: Locale): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(
    new Date(value),
  );
}

/** Time of day only, for schedules within one day. */
export function formatTime(value: DateInput, locale: Locale): string {
  return formatter(locale, { timeStyle: 'short', hourCycle: 'h23' }).format(new Date(value));
}

/** The calendar date in the city (YYYY-MM-DD), whatever the device's own time zone. */
function cityDate(value: DateInput): string {
  return cityDateOf(value, timeZone);
}

/** Today's date (YYYY-MM-DD) in the city's time zone, whatever the device's zone is. */
export function todayInCity(now: Date = new Date()): string {
  return cityDateOf(now, timeZone);
}

/** A full date, e.g. 2026年12月5日星期六 or Saturday, December 5, 2026. */
export function formatFullDate(value: DateInput, locale: Locale): string {
  return formatter(locale, { dateStyle: 'full' }).format(new Date(value));
}

/** Whole days from the city's today to the value's date: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(value: DateInput, now: DateInput = Date.now()): number {
  return Math.round((Date.parse(cityDate(value)) - Date.parse(cityDate(now))) / 86_400_000);
}

/** A short date with its weekday, e.g. 12月5日周六 or Sat, Dec 5. */
export function formatDay(value: DateInput, locale: Locale): string {
  return formatter(locale, { month: 'short', day: 'numeric', weekday: 'short' }).format(new Date(value));
}

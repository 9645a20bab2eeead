import type { Locale } from '@lastmeter/shared';

/**
 * Every time is shown in the city's time zone, whatever the device says: gate schedules, ETAs and
 * appointment windows must read the same for a driver, a gatekeeper and a hospital.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    cache.set(key, format);
  }
  return format;
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
export function cityDate(value: DateInput): string {
  return formatter('en-CA' as Locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(value),
  );
}

/** Whole days from the city's today to the value's date: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(value: DateInput, now: DateInput = Date.now()): number {
  return Math.round((Date.parse(cityDate(value)) - Date.parse(cityDate(now))) / 86_400_000);
}

/** A short date with its weekday, e.g. 12月5日周六 or Sat, Dec 5. */
export function formatDay(value: DateInput, locale: Locale): string {
  return formatter(locale, { month: 'short', day: 'numeric', weekday: 'short' }).format(new Date(value));
}

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

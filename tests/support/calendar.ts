import { addDays, cityDateOf, cityInstant, DEFAULT_TIME_ZONE, isoWeekdayOf } from '@lastmeter/shared';

/**
 * Dates for tests, relative to today in the city's time zone (shared/src/city-time.ts): a fixed calendar
 * date is one day the past (the API refuses a passed appointment) or today (when "now" falls inside the
 * shift). `CITY_TIME_ZONE` is the zone test servers are started with (tests/support/test-server.ts);
 * a test of another zone starts its server with `timeZone` and passes that zone here.
 */
export const CITY_TIME_ZONE = DEFAULT_TIME_ZONE;

export { addDays, isoWeekdayOf };

/** Today's date `YYYY-MM-DD` in the city, whatever the machine's zone is. */
export function cityToday(now: Date = new Date(), timeZone: string = CITY_TIME_ZONE): string {
  return cityDateOf(now, timeZone);
}

/** The instant the city's clock shows `time` (`HH:MM`) on `date`. */
export function cityAt(date: string, time: string, timeZone: string = CITY_TIME_ZONE): Date {
  return cityInstant(date, time, timeZone);
}

/** The first date with this ISO weekday at least `minDays` after today in the city. */
export function weekdayAhead(isoWeekday: number, minDays = 14, now: Date = new Date()): string {
  const first = addDays(cityToday(now), minDays);
  return addDays(first, (isoWeekday - isoWeekdayOf(first) + 7) % 7);
}

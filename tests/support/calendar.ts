/**
 * Dates for tests, relative to today in the city's time zone: a fixed calendar date is one day the
 * past (the API refuses a passed appointment) or today (when "now" falls inside the shift).
 */
const CITY_TIME_ZONE = 'Asia/Shanghai';

/** Today's date `YYYY-MM-DD` in the city, whatever the machine's zone is. */
export function cityToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: CITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The first date with this ISO weekday at least `minDays` after today in the city. */
export function weekdayAhead(isoWeekday: number, minDays = 14, now: Date = new Date()): string {
  const first = addDays(cityToday(now), minDays);
  return addDays(first, (isoWeekday - isoWeekdayOf(first) + 7) % 7);
}

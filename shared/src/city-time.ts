/**
 * The one clock of the city: "today", the bounds of a day, the date and wall-clock time of an instant,
 * and display formatting, all in the city's time zone — the server's `TIME_ZONE` setting, which the web
 * learns from `GET /api/v1/city`. Every function takes the zone: a day in Last Meter is the city's day,
 * never the machine's or the device's (docs/product.md "Time").
 */

/** The zone of the demo city and of a server started without `TIME_ZONE`. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

type Instant = Date | string | number;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` showing instants on the city's clock, whatever the device's zone. */
export function cityFormat(
  timeZone: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${timeZone}|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** Whether `name` is an IANA time zone this runtime knows (`Asia/Shanghai`, `America/New_York`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The city's calendar date of an instant, `YYYY-MM-DD`; with the clock's now, "today". */
export function cityDateOf(at: Instant, timeZone: string): string {
  return cityFormat(timeZone, 'en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );
}

/** The city's wall-clock time of an instant, `HH:MM` (24-hour). */
export function cityClockOf(at: Instant, timeZone: string): string {
  return cityFormat(timeZone, 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(at),
  );
}

/** An instant as `YYYY-MM-DDTHH:mm` on the city's clock, the value of a `datetime-local` input. */
export function cityLocalOf(at: Instant, timeZone: string): string {
  return `${cityDateOf(at, timeZone)}T${cityClockOf(at, timeZone)}`;
}

/** How far the city's clock is ahead of UTC at an instant, in ms (negative west of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = cityFormat(timeZone, 'en-GB', {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant the city's clock shows `time` (`HH:MM` or `HH:MM:SS`) on `date`. Where daylight saving
 * repeats an hour, the earlier of the two; where it skips one, the time as if the clock had not jumped
 * (so a day whose midnight is skipped starts at the first instant it has).
 */
export function cityInstant(date: string, time: string, timeZone: string): Date {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const wall = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    h,
    m,
    s,
  );
  // A zone's offset changes at most once within a day or two: the offsets a day either side are the
  // only ones the wall time can be read with.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const shown = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  return new Date(shown.length > 0 ? Math.min(...shown) : wall - before);
}

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`) typed on the city's clock, as an instant. */
export function cityLocalToInstant(local: string, timeZone: string): Date {
  return cityInstant(local.slice(0, 10), local.slice(11), timeZone);
}

/** The first instant of a city day: its midnight (where a zone skips midnight, the first instant it has). */
export function cityDayStart(date: string, timeZone: string): Date {
  return cityInstant(date, '00:00', timeZone);
}

/** The end of a city day: the first instant of the next one (exclusive). Not always 24 h after its start. */
export function cityDayEnd(date: string, timeZone: string): Date {
  return cityDayStart(addDays(date, 1), timeZone);
}

/** The calendar date `days` after `date` (both `YYYY-MM-DD`; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

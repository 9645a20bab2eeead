import { TIME_ZONE } from '../../i18n/format.ts';

/**
 * The city's UTC offset. Asia/Shanghai has had no daylight saving since 1991, so a fixed offset turns a
 * wall-clock `datetime-local` value into an instant without a time-zone library.
 */
const CITY_OFFSET = '+08:00';
const CITY_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-23T08:30` typed in the city → ISO instant. */
export function cityLocalToIso(value: string): string {
  return new Date(`${value.length === 16 ? `${value}:00` : value}${CITY_OFFSET}`).toISOString();
}

/** An instant → `YYYY-MM-DDTHH:mm` on the city's clock, for a `datetime-local` input. */
export function isoToCityLocal(value: Date | string | number): string {
  return new Date(new Date(value).getTime() + CITY_OFFSET_MS).toISOString().slice(0, 16);
}

/** Midnight of a city date, as epoch milliseconds. */
export function cityMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00${CITY_OFFSET}`);
}

export { TIME_ZONE };

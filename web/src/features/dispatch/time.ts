import { cityDayStart, cityLocalOf, cityLocalToInstant } from '@lastmeter/shared';
import { cityTimeZone } from '../../i18n/format.ts';

/** `2026-11-23T08:30` typed in the city → ISO instant. */
export function cityLocalToIso(value: string): string {
  return cityLocalToInstant(value, cityTimeZone()).toISOString();
}

/** An instant → `YYYY-MM-DDTHH:mm` on the city's clock, for a `datetime-local` input. */
export function isoToCityLocal(value: Date | string | number): string {
  return cityLocalOf(value, cityTimeZone());
}

/** Midnight of a city date, as epoch milliseconds. */
export function cityMidnight(date: string): number {
  return cityDayStart(date, cityTimeZone()).getTime();
}

import { TIME_ZONE } from '../../i18n/format.ts';

/** Today's date (YYYY-MM-DD) in the city's time zone, whatever the device's zone is. */
export function todayInCity(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

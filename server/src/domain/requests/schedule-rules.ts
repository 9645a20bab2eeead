import {
  CareNeedInput,
  cityInstant,
  isoWeekdayOf,
  type NeedKind,
  type ReturnMode,
  SERVICE_FOR_NEED,
  type Service,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';

/** How early before the appointment the patient may arrive: the window is [start − 30 min, start]. */
export const ARRIVAL_WINDOW_MINUTES = 30;

export interface ScheduledRequest {
  service: Service;
  windowStart: Date;
  windowEnd: Date;
  returnMode: ReturnMode;
  treatmentMinutes: number | null;
}

/** Obstetrics cannot say when a visit ends (a check-up may become a delivery): the hospital calls. */
export function returnModeFor(service: Service): ReturnMode {
  return service === 'obstetrics' || service === 'emergency' ? 'will_call' : 'fixed';
}

function appointment(
  kind: NeedKind,
  date: string,
  startTime: string,
  minutes: number,
  timeZone: string,
): ScheduledRequest {
  const service = SERVICE_FOR_NEED[kind];
  const start = cityInstant(date, startTime, timeZone);
  const returnMode = returnModeFor(service);
  return {
    service,
    windowStart: new Date(start.getTime() - ARRIVAL_WINDOW_MINUTES * 60_000),
    windowEnd: start,
    returnMode,
    treatmentMinutes: returnMode === 'fixed' ? minutes : null,
  };
}

/**
 * The request a need's schedule produces on `date`, or null: dialysis on its weekdays, chemo and
 * radiotherapy on their cycle dates, visits on theirs. Medicine delivery and emergencies produce none.
 */
export function requestForNeedOn(
  need: { kind: NeedKind; schedule: unknown },
  date: string,
  /** The city's time zone (config `TIME_ZONE`): start times are on its clock. */
  timeZone: string,
): ScheduledRequest | null {
  const parsed = CareNeedInput.safeParse({ kind: need.kind, schedule: need.schedule });
  if (!parsed.success) return null;
  const n = parsed.data;
  switch (n.kind) {
    case 'dialysis':
      return n.schedule.weekdays.includes(isoWeekdayOf(date))
        ? appointment(n.kind, date, n.schedule.startTime, n.schedule.sessionMinutes, timeZone)
        : null;
    case 'chemotherapy':
    case 'radiotherapy':
      return n.schedule.dates.includes(date)
        ? appointment(n.kind, date, n.schedule.startTime, n.schedule.sessionMinutes, timeZone)
        : null;
    case 'chronic':
      if (n.schedule.medicineDelivery) return null;
      return visitOn(n.kind, n.schedule.visits, date, timeZone);
    case 'pregnancy':
    case 'newborn':
      return visitOn(n.kind, n.schedule.visits, date, timeZone);
    case 'emergency':
      return null;
    default:
      return exhaustive(n, 'need');
  }
}

function visitOn(
  kind: NeedKind,
  visits: Array<{ date: string; startTime: string; minutes: number }>,
  date: string,
  timeZone: string,
) {
  const visit = visits.find((v) => v.date === date);
  return visit ? appointment(kind, date, visit.startTime, visit.minutes, timeZone) : null;
}

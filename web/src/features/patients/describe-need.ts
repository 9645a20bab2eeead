import type { CareNeedView } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';

const WEEKDAY_KEYS = {
  1: 'weekday.1',
  2: 'weekday.2',
  3: 'weekday.3',
  4: 'weekday.4',
  5: 'weekday.5',
  6: 'weekday.6',
  7: 'weekday.7',
} as const;

/** The next date of a list on or after today, as YYYY-MM-DD (dates are compared as strings). */
function nextDate(dates: readonly string[]): string | undefined {
  const today = new Date().toISOString().slice(0, 10);
  return [...dates].sort().find((date) => date >= today);
}

/** Visits are `{ date }` objects in the input schema; older records keep plain dates. */
function visitDates(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((visit: unknown) => {
    if (typeof visit === 'string') return [visit];
    if (visit && typeof visit === 'object' && 'date' in visit && typeof visit.date === 'string')
      return [visit.date];
    return [];
  });
}

/**
 * One line a gatekeeper can read aloud: "血液透析 · 周一、周三、周五 07:00". Schedules are read field by
 * field, not with the strict input schemas, so a record stored with extra or older fields still shows.
 */
export function describeNeed(need: Pick<CareNeedView, 'kind' | 'schedule'>, t: Translate): string {
  const kind = t(`needKind.${need.kind}`);
  const detail = scheduleText(need, t);
  return detail ? `${kind} · ${detail}` : kind;
}

function scheduleText({ kind, schedule }: Pick<CareNeedView, 'kind' | 'schedule'>, t: Translate): string {
  const text = (key: string) => (typeof schedule[key] === 'string' ? (schedule[key] as string) : '');
  const startTime = text('startTime');
  switch (kind) {
    case 'dialysis': {
      const weekdays = Array.isArray(schedule.weekdays) ? schedule.weekdays : [];
      const days = weekdays.flatMap((day: unknown) =>
        typeof day === 'number' && day in WEEKDAY_KEYS
          ? [t(WEEKDAY_KEYS[day as keyof typeof WEEKDAY_KEYS])]
          : [],
      );
      return `${days.join(t('list.separator'))} ${startTime}`.trim();
    }
    case 'chemotherapy':
    case 'radiotherapy': {
      const dates = Array.isArray(schedule.dates)
        ? schedule.dates.filter((d): d is string => typeof d === 'string')
        : [];
      const next = nextDate(dates);
      return next ? t('need.nextDate', { date: next, time: startTime }) : t('need.cycleDone');
    }
    case 'pregnancy': {
      const due = text('dueDate');
      const next = nextDate(visitDates(schedule.visits));
      return [due ? t('need.dueOn', { date: due }) : '', next ? t('need.nextVisit', { date: next }) : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'newborn': {
      const born = text('birthDate');
      const next = nextDate(visitDates(schedule.visits));
      return [born ? t('need.bornOn', { date: born }) : '', next ? t('need.nextVisit', { date: next }) : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'chronic':
      return schedule.medicineDelivery === true ? t('need.medicineDelivery') : '';
    case 'emergency':
      return '';
    default:
      return exhaustive(kind);
  }
}

import {
  type CareNeedView,
  ChronicSchedule,
  CycleSchedule,
  DialysisSchedule,
  NewbornSchedule,
  PregnancySchedule,
} from '@lastmeter/shared';
import type { Translate } from '../../i18n/I18nProvider.tsx';

/** One line a gatekeeper can read aloud: "血液透析 · 周一、周三、周五 07:00". */
export function describeNeed(need: Pick<CareNeedView, 'kind' | 'schedule'>, t: Translate): string {
  const kind = t(`needKind.${need.kind}`);
  const detail = scheduleText(need, t);
  return detail ? `${kind} · ${detail}` : kind;
}

function scheduleText(need: Pick<CareNeedView, 'kind' | 'schedule'>, t: Translate): string {
  switch (need.kind) {
    case 'dialysis': {
      const parsed = DialysisSchedule.safeParse(need.schedule);
      if (!parsed.success) return '';
      const days = parsed.data.weekdays.map((day) =>
        t(`weekday.${day}` as `weekday.${1 | 2 | 3 | 4 | 5 | 6 | 7}`),
      );
      return `${days.join(t('list.separator'))} ${parsed.data.startTime}`;
    }
    case 'chemotherapy':
    case 'radiotherapy': {
      const parsed = CycleSchedule.safeParse(need.schedule);
      if (!parsed.success) return '';
      const next = parsed.data.dates.find((date) => date >= new Date().toISOString().slice(0, 10));
      return next ? t('need.nextDate', { date: next, time: parsed.data.startTime }) : t('need.cycleDone');
    }
    case 'pregnancy': {
      const parsed = PregnancySchedule.safeParse(need.schedule);
      return parsed.success ? t('need.dueOn', { date: parsed.data.dueDate }) : '';
    }
    case 'newborn': {
      const parsed = NewbornSchedule.safeParse(need.schedule);
      return parsed.success ? t('need.bornOn', { date: parsed.data.birthDate }) : '';
    }
    case 'chronic': {
      const parsed = ChronicSchedule.safeParse(need.schedule);
      return parsed.success && parsed.data.medicineDelivery ? t('need.medicineDelivery') : '';
    }
    case 'emergency':
      return '';
    default: {
      const unreachable: never = need.kind;
      return unreachable;
    }
  }
}

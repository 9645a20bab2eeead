import {
  type CareNeedInput,
  dayNumber,
  type FieldIssue,
  fieldMessage,
  type Locale,
  type NeedKind,
  refuseWayOfService,
  type WayOfService,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';

/**
 * Date checks a community worker expects and a schema cannot make alone, because they depend on
 * today and on the person's ID number: a due date months in the past, a "newborn" born two years ago,
 * a pregnancy on a man's ID, a baby whose birth date differs from the one in its ID number.
 */

export type NeedRuleCode =
  | 'birth_in_future'
  | 'due_date_far_past'
  | 'due_date_far_future'
  | 'pregnancy_male_id'
  | 'newborn_too_old'
  | 'birth_in_future_need'
  | 'birth_date_mismatch'
  | 'date_far_past'
  | 'date_far_future'
  | 'consent_required';

export const NEED_RULE_MESSAGES: Record<NeedRuleCode, Record<Locale, string>> = {
  birth_in_future: {
    'zh-CN': '身份证号中的出生日期晚于今天',
    en: 'the birth date in the ID number is in the future',
  },
  due_date_far_past: { 'zh-CN': '预产期已过去超过 30 天', en: 'the due date is more than 30 days ago' },
  due_date_far_future: { 'zh-CN': '预产期在 300 天以后', en: 'the due date is more than 300 days ahead' },
  pregnancy_male_id: {
    'zh-CN': '身份证号显示为男性，不能登记孕产',
    en: 'the ID number belongs to a man; cannot register a pregnancy',
  },
  newborn_too_old: {
    'zh-CN': '出生已超过一年，不属于新生儿',
    en: 'born more than a year ago: not a newborn',
  },
  birth_in_future_need: { 'zh-CN': '出生日期晚于今天', en: 'the birth date is in the future' },
  birth_date_mismatch: {
    'zh-CN': '出生日期与身份证号不一致',
    en: 'the birth date differs from the one in the ID number',
  },
  date_far_past: { 'zh-CN': '日期早于一年前', en: 'the date is more than a year ago' },
  date_far_future: { 'zh-CN': '日期晚于两年后', en: 'the date is more than two years ahead' },
  consent_required: {
    'zh-CN': '登记就医需求前须记录知情同意',
    en: 'consent must be recorded before any care need is stored',
  },
};

/** The birth date (`YYYY-MM-DD`) inside a valid resident ID number. */
export function birthDateOfId(nationalId: string): string {
  return `${nationalId.slice(6, 10)}-${nationalId.slice(10, 12)}-${nationalId.slice(12, 14)}`;
}

/** GB 11643: the 17th character, the sequence's last digit, is odd for men and even for women. */
export function isFemaleId(nationalId: string): boolean {
  return Number(nationalId.charAt(16)) % 2 === 0;
}

export interface RuleIssue {
  path: string;
  code: NeedRuleCode;
}

export function checkIdentityDates(nationalId: string, today: string): RuleIssue[] {
  return dayNumber(birthDateOfId(nationalId)) > dayNumber(today)
    ? [{ path: 'nationalId', code: 'birth_in_future' }]
    : [];
}

export function checkNeedDates(need: CareNeedInput, nationalId: string, today: string): RuleIssue[] {
  const t = dayNumber(today);
  const issues: RuleIssue[] = [];
  const inRange = (date: string, path: string) => {
    const d = dayNumber(date);
    if (d < t - 366) issues.push({ path, code: 'date_far_past' });
    else if (d > t + 731) issues.push({ path, code: 'date_far_future' });
  };
  const visits = (list: Array<{ date: string }>) => {
    list.forEach((v, i) => {
      inRange(v.date, `schedule.visits.${i}.date`);
    });
  };
  switch (need.kind) {
    case 'dialysis':
    case 'emergency':
      break;
    case 'chemotherapy':
    case 'radiotherapy':
      need.schedule.dates.forEach((date, i) => {
        inRange(date, `schedule.dates.${i}`);
      });
      break;
    case 'pregnancy': {
      const due = dayNumber(need.schedule.dueDate);
      if (due < t - 30) issues.push({ path: 'schedule.dueDate', code: 'due_date_far_past' });
      if (due > t + 300) issues.push({ path: 'schedule.dueDate', code: 'due_date_far_future' });
      if (!isFemaleId(nationalId)) issues.push({ path: 'kind', code: 'pregnancy_male_id' });
      visits(need.schedule.visits);
      break;
    }
    case 'newborn': {
      const birth = dayNumber(need.schedule.birthDate);
      if (birth > t) issues.push({ path: 'schedule.birthDate', code: 'birth_in_future_need' });
      else if (birth < t - 366) issues.push({ path: 'schedule.birthDate', code: 'newborn_too_old' });
      if (need.schedule.birthDate !== birthDateOfId(nationalId)) {
        issues.push({ path: 'schedule.birthDate', code: 'birth_date_mismatch' });
      }
      visits(need.schedule.visits);
      break;
    }
    case 'chronic':
      visits(need.schedule.visits);
      break;
    default:
      return exhaustive(need, 'need');
  }
  return issues;
}

/**
 * A need's chosen way of service against the rule of the three ways (shared/src/care-ways.ts), on
 * `today`: dialysis never online, only chronic disease by delivery alone, no online visit at term.
 */
export function needWayIssues(
  need: { kind: NeedKind; schedule: unknown; serveBy?: WayOfService | null | undefined },
  today: string,
  prefix: string,
  locale: Locale,
): FieldIssue[] {
  if (!need.serveBy) return [];
  const schedule = need.schedule as { dueDate?: unknown } | null;
  const refusal = refuseWayOfService(need.serveBy, {
    kind: need.kind,
    urgency: 'scheduled',
    dueDate: need.kind === 'pregnancy' && typeof schedule?.dueDate === 'string' ? schedule.dueDate : null,
    date: today,
  });
  if (!refusal) return [];
  return [
    {
      path: [prefix, 'serveBy'].filter(Boolean).join('.'),
      message: fieldMessage(refusal, locale),
      code: refusal,
    },
  ];
}

/** Rule issues as field issues under `prefix`, in the caller's language. */
export function toFieldIssues(issues: RuleIssue[], prefix: string, locale: Locale): FieldIssue[] {
  return issues.map((i) => ({
    path: [prefix, i.path].filter(Boolean).join('.'),
    message: NEED_RULE_MESSAGES[i.code][locale],
    code: i.code,
  }));
}

/**
 * Everything wrong with a care need a schema cannot see, as field issues under `prefix` in `locale`:
 * its dates against today and the person's ID number, and its way of service. Every way a need is
 * written (the gate's form, a change, the public link) checks it here.
 */
export function careNeedIssues(
  need: CareNeedInput,
  nationalId: string,
  today: string,
  prefix: string,
  locale: Locale,
): FieldIssue[] {
  return [
    ...toFieldIssues(checkNeedDates(need, nationalId, today), prefix, locale),
    ...needWayIssues(need, today, prefix, locale),
  ];
}

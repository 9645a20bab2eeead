import { fieldMessage, isFieldMessageCode, type Locale } from '@lastmeter/shared';
import type { PolygonProblemCode } from '@lastmeter/shared/geo/zone-level.ts';
import { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { translate } from './messages.ts';

const ZOD_LOCALE_ERRORS: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': zhCN().localeError,
  en: en().localeError,
};

/** Any zod parse outside forms (e.g. of API answers) reports in the user's language too. */
export function applyZodLocale(locale: Locale): void {
  z.config({ localeError: ZOD_LOCALE_ERRORS[locale] });
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Messages for form fields. The common cases get plain words ("此项必填" rather than zod's
 * "数值过小：期望 string >=1 字符"); everything else falls back to zod's own locale. Passed per parse so the
 * message depends only on the locale given, not on when the global config was last changed.
 */
export function formErrorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (isBlank(issue.input)) return translate(locale, 'form.required');
        if (issue.expected === 'int') return translate(locale, 'form.wholeNumber');
        if (issue.expected === 'number') return translate(locale, 'form.number');
        break;
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1
            ? translate(locale, 'form.required')
            : translate(locale, 'form.tooShort', { min: Number(issue.minimum) });
        }
        if (issue.origin === 'number')
          return translate(locale, 'form.atLeast', { min: Number(issue.minimum) });
        break;
      case 'too_big':
        if (issue.origin === 'string')
          return translate(locale, 'form.tooLong', { max: Number(issue.maximum) });
        if (issue.origin === 'number')
          return translate(locale, 'form.atMost', { max: Number(issue.maximum) });
        break;
      case 'invalid_union':
        // A tagged union (a need by its kind) with no tag chosen yet: the select is simply unfilled.
        if (issue.discriminator && isBlank((issue.input as Record<string, unknown>)?.[issue.discriminator]))
          return translate(locale, 'form.required');
        break;
      default:
        break;
    }
    return ZOD_LOCALE_ERRORS[locale](issue);
  };
}

const GEOMETRY_PROBLEMS: Record<PolygonProblemCode, true> = {
  not_polygonal: true,
  empty: true,
  bad_position: true,
  out_of_range: true,
  too_few_positions: true,
  unclosed_ring: true,
  self_intersection: true,
};

function isGeometryProblem(value: unknown): value is PolygonProblemCode {
  return typeof value === 'string' && Object.hasOwn(GEOMETRY_PROBLEMS, value);
}

/**
 * An issue's message in `locale`. Our own checks write English text and put their code in `params`
 * (a field-message `code`, or a geometry problem's `reason` and where it is, `at`), and an explicit
 * message outranks any error map: so they are translated here, by code. zod's own issues pass
 * through, already in the language of the map they were parsed with.
 */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const params = issue.code === 'custom' ? issue.params : undefined;
  if (isFieldMessageCode(params?.code)) return fieldMessage(params.code, locale, params);
  if (isGeometryProblem(params?.reason))
    return translate(locale, `geometryProblem.${params.reason}`, { at: String(params.at ?? '') });
  return issue.message;
}

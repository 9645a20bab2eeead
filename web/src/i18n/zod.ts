import type { Locale } from '@lastmeter/shared';
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

/**
 * Messages for form fields. The common cases get plain words ("此项必填" rather than zod's
 * "数值过小：期望 string >=1 字符"); everything else falls back to zod's own locale. Passed per parse so the
 * message depends only on the locale given, not on when the global config was last changed.
 */
export function formErrorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined || issue.input === null || issue.input === '') {
          return translate(locale, 'form.required');
        }
        break;
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1
            ? translate(locale, 'form.required')
            : translate(locale, 'form.tooShort', { min: Number(issue.minimum) });
        }
        break;
      case 'too_big':
        if (issue.origin === 'string')
          return translate(locale, 'form.tooLong', { max: Number(issue.maximum) });
        break;
      default:
        break;
    }
    return ZOD_LOCALE_ERRORS[locale](issue);
  };
}

import { cleanInput, type FieldIssue, type Locale, textParams } from '@lastmeter/shared';
import { z } from 'zod';
import { codedIssue, errors, localizeIssue } from './errors.ts';

const LOCALE_ERRORS = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

/**
 * Zod issues as field issues: every issue names its field, unknown keys included. Our own checks
 * (`fieldCheck` in @lastmeter/shared: `params.code`) keep their stable code and params and get their
 * text in `locale`, like zod's own messages.
 */
export function fieldIssues(error: z.ZodError, prefix: string, locale: Locale = 'zh-CN'): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [path, key].filter(Boolean).join('.'),
        message: issue.message,
        code: issue.code,
      }));
    }
    if (issue.code === 'custom' && issue.params && typeof issue.params.code === 'string') {
      const { code, ...params } = issue.params as Record<string, string | number>;
      const coded = { path, message: issue.message, code: String(code) };
      return [localizeIssue(Object.keys(params).length ? { ...coded, params } : coded, locale)];
    }
    return [{ path, message: issue.message, code: issue.code }];
  });
}

/**
 * Parses one part of a request (`body`, `query`, `params`, a socket payload) or throws a 400 naming
 * the fields. Every string in it passes the text rule first (`cleanInput`), whatever its schema says.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  part: string,
  locale: Locale,
): z.output<S> {
  const cleaned = cleanInput(input, part);
  if (!cleaned.ok) {
    throw errors.validation(
      cleaned.issues.map((issue) =>
        localizeIssue(codedIssue(issue.path, issue.code, textParams(issue.code)), locale),
      ),
    );
  }
  const result = schema.safeParse(cleaned.value, { error: LOCALE_ERRORS[locale] });
  if (result.success) return result.data;
  throw errors.validation(fieldIssues(result.error, part, locale));
}

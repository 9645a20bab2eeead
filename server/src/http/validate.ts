import type { FieldIssue, Locale } from '@lastmeter/shared';
import { z } from 'zod';
import { errors } from '../errors.ts';

const LOCALE_ERRORS = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

/** Zod issues as field issues: every issue names its field, unknown keys included. */
export function fieldIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [path, key].filter(Boolean).join('.'),
        message: issue.message,
        code: issue.code,
      }));
    }
    return [{ path, message: issue.message, code: issue.code }];
  });
}

/** Parses one part of a request (`body`, `query`, `params`, a socket payload) or throws a 400 naming the fields. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  part: string,
  locale: Locale,
): z.output<S> {
  const result = schema.safeParse(input, { error: LOCALE_ERRORS[locale] });
  if (result.success) return result.data;
  throw errors.validation(fieldIssues(result.error, part));
}

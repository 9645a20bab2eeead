import { ERROR_MESSAGES, type ErrorCode, type Locale } from '@lastmeter/shared';
import { ApiError, NetworkError } from '../lib/api.ts';
import { translate } from './messages.ts';

/** The message for a server error code; the one vocabulary lives in @lastmeter/shared. */
export function translateError(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}

/** A sentence for anything a request can throw, for alerts and form-level errors. */
export function describeError(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) return translateError(error.code, locale);
  if (error instanceof NetworkError) return translate(locale, 'error.network');
  return translate(locale, 'error.unexpected');
}

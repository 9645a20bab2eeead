import type { Locale } from '@lastmeter/shared';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';
import { setApiLocale } from '../lib/api.ts';
import { describeError, translateError } from './errors.ts';
import { daysFromToday, formatDateTime, formatDay, formatTime } from './format.ts';
import { initialLocale, storeLocale } from './locale.ts';
import { type MessageKey, type MessageParams, translate } from './messages.ts';
import { applyZodLocale } from './zod.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  locale: Locale;
  /** Switches the language and remembers it on this device. */
  setLocale: (locale: Locale) => void;
  t: Translate;
  translateError: (code: Parameters<typeof translateError>[0]) => string;
  describeError: (error: unknown) => string;
  formatDateTime: (value: Date | string | number) => string;
  formatTime: (value: Date | string | number) => string;
  /**
   * The day of a time when it is not today in the city ("明天 12月5日周六", "Tomorrow, Sat, Dec 5"),
   * else null: a schedule shows it beside the time so tomorrow's 06:55 never reads as today's.
   */
  formatOtherDay: (value: Date | string | number) => string | null;
  /** The time, prefixed by its day when that is not today. */
  formatWhen: (value: Date | string | number) => string;
}

function otherDay(date: Date | string | number, locale: Locale): string | null {
  const days = daysFromToday(date);
  if (days === 0) return null;
  const day = formatDay(date, locale);
  if (days === 1) return translate(locale, 'day.tomorrow', { day });
  if (days === -1) return translate(locale, 'day.yesterday', { day });
  return day;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  // A layout effect runs before any child's passive effect, so the very first query already goes out
  // with the right Accept-Language and zod locale.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    applyZodLocale(locale);
    setApiLocale(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      translateError: (code) => translateError(code, locale),
      describeError: (error) => describeError(error, locale),
      formatDateTime: (date) => formatDateTime(date, locale),
      formatTime: (date) => formatTime(date, locale),
      formatOtherDay: (date) => otherDay(date, locale),
      formatWhen: (date) => {
        const day = otherDay(date, locale);
        return day ? `${day} ${formatTime(date, locale)}` : formatTime(date, locale);
      },
    }),
    [locale, setLocale],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}

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
import { formatDateTime, formatTime } from './format.ts';
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

import type { Locale } from '@lastmeter/shared';

export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

const STORAGE_KEY = 'lastmeter.locale';

function isLocale(value: string | null): value is Locale {
  return (LOCALES as readonly (string | null)[]).includes(value);
}

/** The locale the user picked before on this device, if any. */
function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be disabled (private mode, policies); the app then simply forgets the choice.
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // See storedLocale: not remembering the choice is acceptable.
  }
}

/** The browser's first preference among the languages we have; Chinese wins only when preferred. */
function browserLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}

import type { Locale } from './errors.ts';

/**
 * Message catalogs (CODE_STYLE.md 8): each area keeps one, every text in zh-CN and English under a
 * stable code, placeholders written `{name}`. Errors and field problems live in shared/ (errors.ts,
 * field-messages.ts, schedule-rules.ts, lifecycle.ts, planner.ts) and are imported, never re-worded; an
 * area's own words (a screen, an SMS, an import row) live in that area's catalog.
 */
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

/** A catalog by code: each code's text in every language. */
export type CodeCatalog = Readonly<Record<string, Readonly<Record<Locale, string>>>>;
/** A catalog by language: each language's texts under the same keys. */
export type LocaleCatalog = Readonly<Record<Locale, Readonly<Record<string, string>>>>;

/** `template` with each `{name}` replaced by `params[name]`; an unknown placeholder stays as written. */
export function fillPlaceholders(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

/**
 * What is wrong with a catalog: a key one language has and the other lacks, an empty text, or texts
 * whose placeholders differ between the languages (unless the key is in `ownPlaceholders`: a text
 * that takes a parameter of its own language, such as a date written the Chinese way). Empty when zh-CN
 * and English say the same things.
 */
export function catalogProblems(catalog: LocaleCatalog, ownPlaceholders: readonly string[] = []): string[] {
  const [zh, en] = [catalog['zh-CN'], catalog.en];
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(zh), ...Object.keys(en)])) {
    const [a, b] = [zh[key], en[key]];
    if (a === undefined || b === undefined)
      problems.push(`${key}: only in ${a === undefined ? 'en' : 'zh-CN'}`);
    else if (!a.trim() || !b.trim()) problems.push(`${key}: empty text`);
    else if (placeholders(a) !== placeholders(b) && !ownPlaceholders.includes(key))
      problems.push(`${key}: placeholders {${placeholders(a)}} in zh-CN, {${placeholders(b)}} in en`);
  }
  return problems;
}

/** A catalog by code turned into one by language, for `catalogProblems`. */
export function byLocale(catalog: CodeCatalog): LocaleCatalog {
  const pick = (locale: Locale) =>
    Object.fromEntries(
      Object.entries(catalog).flatMap(([code, texts]) =>
        texts[locale] === undefined ? [] : [[code, texts[locale]]],
      ),
    );
  return { 'zh-CN': pick('zh-CN'), en: pick('en') };
}

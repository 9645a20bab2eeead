import { z } from 'zod';
import { type FieldMessageCode, fieldCheck } from '../field-messages.ts';

/**
 * The one rule for text anyone sends us (HTTP bodies, queries and path parameters, socket payloads,
 * the web's forms): no NUL or other control characters — tab, newline and carriage return only where
 * a field allows several lines —, well-formed Unicode, NFC-normalized, bounded in length.
 * `line()`/`paragraph()` apply it to one field; `cleanInput` applies it to every string of a payload,
 * keys included, before the payload's own schema is read.
 */

/** Longest string any field takes; fields bound themselves tighter (names 120, notes 500…). */
export const MAX_TEXT_LENGTH = 10_000;

// C0 and C1 controls and DEL, without tab, newline and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\r]/;
// A UTF-16 surrogate without its pair: no character at all, and PostgreSQL cannot store it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text is refused, or null when it is acceptable (`multiline` lets tab/newline through). */
export function textProblem(value: string, multiline = true): FieldMessageCode | null {
  if (LONE_SURROGATE.test(value)) return 'text_not_unicode';
  if (CONTROL.test(value)) return 'text_control_character';
  if (!multiline && LINE_BREAK.test(value)) return 'text_line_break';
  if (value.length > MAX_TEXT_LENGTH) return 'text_too_long';
  return null;
}

const checked = (multiline: boolean) =>
  z
    .string()
    .check((ctx) => {
      const problem = textProblem(ctx.value, multiline);
      if (problem)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          ...fieldCheck(problem, textParams(problem)),
        });
    })
    .normalize('NFC')
    .trim();

/** One line of text: a name, a code, an address. Chain `.min()`/`.max()` for the field's bounds. */
export const line = () => checked(false);
/** Free text that may span lines: notes, reasons. */
export const paragraph = () => checked(true);

export interface TextIssue {
  path: string;
  code: FieldMessageCode;
}

/**
 * Walks a parsed JSON body, query or socket payload: every string value and key must pass
 * `textProblem` (line breaks allowed here; single-line fields refuse them in their own schema), and
 * comes back NFC-normalized. Returns the cleaned value, or the paths at fault.
 */
export function cleanInput(
  input: unknown,
  prefix = '',
): { ok: true; value: unknown } | { ok: false; issues: TextIssue[] } {
  const issues: TextIssue[] = [];
  const walk = (value: unknown, path: string, depth: number): unknown => {
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) issues.push({ path, code: problem });
      return problem ? value : value.normalize('NFC');
    }
    // JSON nests far less than this; deeper is an attack on the stack, refused as such.
    if (depth > 64) {
      issues.push({ path, code: 'text_too_deep' });
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, join(path, String(i)), depth + 1));
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key, false);
        if (problem) issues.push({ path: join(path, '(key)'), code: problem });
        out[key.normalize('NFC')] = walk(item, join(path, key), depth + 1);
      }
      return out;
    }
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === null) {
      return walk({ ...value }, path, depth);
    }
    return value;
  };
  const value = walk(input, prefix, 0);
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

/** The placeholders of a text problem's message. */
export const textParams = (code: FieldMessageCode) =>
  code === 'text_too_long' ? { max: MAX_TEXT_LENGTH } : undefined;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * An instant as ISO 8601 text with a time zone (`2026-05-01T08:00:00+08:00` or `…Z`): a boolean,
 * `null` or a number is refused, where `z.coerce.date()` made them 1970.
 */
export const instant = () =>
  z.iso
    .datetime({ offset: true, local: false })
    .transform((value) => new Date(value))
    .meta({ format: 'date-time' });

import { describe, expect, it } from 'vitest';
import { cleanInput, instant, line, paragraph, textProblem } from './text.ts';

describe('the text rule', () => {
  it('refuses control characters, lone surrogates and over-long text; lets tab/newline through where allowed', () => {
    expect(textProblem('a\u0000b')).toBe('text_control_character');
    expect(textProblem('\u009b')).toBe('text_control_character');
    expect(textProblem('\ud800x')).toBe('text_not_unicode');
    expect(textProblem('😀')).toBeNull();
    expect(textProblem('x'.repeat(10_001))).toBe('text_too_long');
    expect(textProblem('a\tb\nc')).toBeNull();
    expect(textProblem('a\nb', false)).toBe('text_line_break');
  });

  it('line() and paragraph() normalize to NFC and trim', () => {
    expect(line().parse(' Cafe\u0301 ')).toBe('Caf\u00e9');
    expect(line().safeParse('a\nb').success).toBe(false);
    expect(paragraph().parse('第一行\n第二行')).toBe('第一行\n第二行');
  });

  it('cleanInput names every bad string and key of a payload', () => {
    const result = cleanInput({ a: ['ok', 'x\u0000'], 'k\u0001': 1, b: { c: 'e\u0301' } }, 'body');
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'body.a.1', code: 'text_control_character' },
        { path: 'body.(key)', code: 'text_control_character' },
      ],
    });
    expect(cleanInput({ b: { c: 'e\u0301' } })).toEqual({ ok: true, value: { b: { c: '\u00e9' } } });
  });

  it('instant() takes ISO 8601 text with an offset only', () => {
    expect(instant().parse('2026-05-01T08:00:00+08:00').toISOString()).toBe('2026-05-01T00:00:00.000Z');
    for (const bad of [true, null, 0, '2026-05-01', '']) expect(instant().safeParse(bad).success).toBe(false);
  });
});

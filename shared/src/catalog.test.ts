import { describe, expect, it } from 'vitest';
import { byLocale, catalogProblems, fillPlaceholders } from './catalog.ts';
import { ERROR_MESSAGES } from './errors.ts';
import { FIELD_MESSAGES } from './field-messages.ts';
import { LEG_CANCEL_MESSAGES, STEP_TIME_MESSAGES } from './lifecycle.ts';
import { plannerMessages } from './planner.ts';
import { SCHEDULE_RULE_MESSAGES } from './schedule-rules.ts';

describe("shared/'s catalogs say the same things in zh-CN and English", () => {
  const catalogs = {
    errors: ERROR_MESSAGES,
    fields: FIELD_MESSAGES,
    scheduleRules: SCHEDULE_RULE_MESSAGES,
    stepTimes: STEP_TIME_MESSAGES,
    legCancel: LEG_CANCEL_MESSAGES,
    plannerReasons: plannerMessages,
  };
  for (const [name, catalog] of Object.entries(catalogs)) {
    it(name, () => expect(catalogProblems(byLocale(catalog))).toEqual([]));
  }
});

describe('the catalog check', () => {
  it('names a key missing in one language, an empty text and placeholders that differ', () => {
    expect(
      catalogProblems({
        'zh-CN': { a: '有 {n} 辆', b: '', c: '车辆' },
        en: { a: '{count} vehicles', b: 'empty in Chinese', d: 'only in English' },
      }),
    ).toEqual([
      'a: placeholders {n} in zh-CN, {count} in en',
      'b: empty text',
      'c: only in zh-CN',
      'd: only in en',
    ]);
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(
      fillPlaceholders('{vehicle} 须消杀 {minutes} 分钟（{legs}）', { vehicle: '沪A·1', minutes: 20 }),
    ).toBe('沪A·1 须消杀 20 分钟（{legs}）');
  });
});

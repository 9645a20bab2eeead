import { byLocale, catalogProblems } from '@lastmeter/shared';
import { describe, expect, it } from 'vitest';
import { IMPORT_ROW_MESSAGES } from './domain/import/parse-import-rows.ts';
import { NOTICE_TEXT } from './domain/notices/notice-text.ts';
import { NEED_RULE_MESSAGES } from './domain/patients/need-rules.ts';

describe("the server's own catalogs say the same things in zh-CN and English", () => {
  it('import rows', () => expect(catalogProblems(byLocale(IMPORT_ROW_MESSAGES))).toEqual([]));
  it('care-need rules', () => expect(catalogProblems(byLocale(NEED_RULE_MESSAGES))).toEqual([]));
  // The evening-before SMS writes the day the Chinese way ({day}: 12月5日) and the ISO date in English.
  it('notices (SMS)', () => expect(catalogProblems(NOTICE_TEXT, ['evening_before'])).toEqual([]));
});

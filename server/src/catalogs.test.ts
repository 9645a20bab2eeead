import { byLocale, catalogProblems } from '@lastmeter/shared';
import { describe, expect, it } from 'vitest';
import { COMPLAINTS_CSV_TEXT } from './domain/complaints/complaints-csv.ts';
import { IMPORT_ROW_MESSAGES } from './domain/import/parse-import-rows.ts';
import { NOTICE_TEXT } from './domain/notices/notice-text.ts';
import { NEED_RULE_MESSAGES } from './domain/patients/need-rules.ts';
import { SELF_REGISTRATION_TEXT } from './domain/self-registration/self-registration-text.ts';

describe("the server's own catalogs say the same things in zh-CN and English", () => {
  it('import rows', () => expect(catalogProblems(byLocale(IMPORT_ROW_MESSAGES))).toEqual([]));
  it('complaints (spreadsheet)', () => expect(catalogProblems(byLocale(COMPLAINTS_CSV_TEXT))).toEqual([]));
  it('self-registration', () => expect(catalogProblems(byLocale(SELF_REGISTRATION_TEXT))).toEqual([]));
  it('care-need rules', () => expect(catalogProblems(byLocale(NEED_RULE_MESSAGES))).toEqual([]));
  // The evening-before SMS writes the day the Chinese way ({day}: 12月5日) and the ISO date in English.
  it('notices (SMS)', () => expect(catalogProblems(NOTICE_TEXT, ['evening_before'])).toEqual([]));
});

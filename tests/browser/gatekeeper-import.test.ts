import { FIELD_MESSAGES } from '@lastmeter/shared';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId, withWrongCheckDigit } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { gone, reads, shows } from './support/ui.ts';
import { zh } from './support/world.ts';

/** The server's own words for a bad ID number in an imported row (docs/import-formats.md). */
const BAD_ID_ZH = '身份证号无效（校验位不符或日期错误）';

const WANG = { name: '王建国', id: validNationalId('1955-06-01'), phone: '13912345678' };
const LI = { name: '李秀英', id: validNationalId('1962-03-08', 'female'), phone: '13712345678' };
const CHEN = { name: '陈志强', id: validNationalId('1970-01-01'), phone: '13612345678' };

const ZHAO = { name: '赵丽华', id: validNationalId('1966-12-12', 'female'), phone: '13577778888' };
const SUN = { name: '孙立新', id: validNationalId('1959-09-09'), phone: '13599990000' };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function maskedId(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`;
}

/** A CSV as Excel's "CSV UTF-8" saves it (with a BOM). */
function csvUtf8(lines: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The list a community keeps, one of its IDs mistyped. */
function csvWithOneBadRow(): Buffer {
  return csvUtf8([
    ['姓名', '身份证号', '手机号', '楼栋', '单元', '房号', '需求类型', '透析日', '透析时间', '行动能力'],
    [WANG.name, WANG.id, WANG.phone, '3', '1', '502', '血透', '一三五', '7:00', '轮椅'],
    [LI.name, withWrongCheckDigit(LI.id), LI.phone, '5', '2', '101', '透析', '二四六', '13:00', '步行'],
  ]);
}

/**
 * The corrected list, as a workbook, whose phone column has a heading the importer does not know
 * ("户主电话"): the gatekeeper has to map it by hand.
 */
async function correctedWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow([
    '姓名',
    '身份证号',
    '户主电话',
    '楼栋',
    '房号',
    '需求类型',
    '透析日',
    '透析时间',
    '感染类别',
  ]);
  for (const [person, building, room, days, time, infection] of [
    [WANG, '3', '502', '一三五', '7:00', '普通'],
    [LI, '5', '101', '二四六', '13:00', '普通'],
    [CHEN, '7', '301', '周一、周三、周五', '12:30', '密接'],
  ] as const) {
    sheet.addRow([person.name, person.id, person.phone, building, room, '血透', days, time, infection]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: zh('import.check') }).click();
}

describe.skipIf(!hasChromium)('a gatekeeper imports the compound’s spreadsheet', () => {
  const world = useBrowserWorld();

  it('sees the bad row in Chinese, fixes the file, maps a column, commits, and finds the patients on the roster', async () => {
    const page = await signIn(world.browser, world.server, world.city.people.gatekeeper, { locale: 'zh-CN' });
    onTestFailed(() => captureScreens('gatekeeper-import', { gatekeeper: page }));
    await page.getByRole('link', { name: zh('gk.nav.import') }).click();
    await shows(page.getByRole('heading', { name: zh('import.step1') }));

    // 1. The CSV with a mistyped ID: its row is named, with the field and the reason in Chinese.
    await upload(page, '田林十二村名单.csv', 'text/csv', csvWithOneBadRow());
    await shows(
      page.getByText(
        zh('import.fileFacts', { file: '田林十二村名单.csv', format: 'csv', encoding: 'utf-8-bom', rows: 2 }),
      ),
    );
    const errors = page.locator('table', {
      has: page.locator('caption', { hasText: zh('import.errorsCaption') }),
    });
    await shows(errors);
    const errorRows = errors.locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().locator('td').allInnerTexts()).toEqual([
      '3',
      zh('importField.nationalId'),
      BAD_ID_ZH,
    ]);
    await reads(
      page.locator('.alert[role="status"]'),
      zh('import.hasErrors', { valid: 1, rows: 2, errors: 1 }),
    );
    // All or nothing: a list with an error cannot be committed.
    expect(await page.getByRole('button', { name: zh('import.commit', { count: 1 }) }).isDisabled()).toBe(
      true,
    );
    // The preview shows the valid rows with identity masked, never the full ID number.
    const preview = page.locator('table', {
      has: page.locator('caption', { hasText: zh('import.previewCaption', { count: 1 }) }),
    });
    await reads(preview.locator('tbody tr').first(), maskedId(WANG.id), { contains: true });
    expect(await preview.textContent()).not.toContain(WANG.id);

    // 2. The corrected workbook: its phone heading is unknown, so the check asks for the column to be mapped.
    await upload(page, '田林十二村名单.xlsx', XLSX_TYPE, await correctedWorkbook());
    await shows(page.getByText(zh('import.fileFactsWorkbook', { file: '田林十二村名单.xlsx', rows: 3 })));
    await reads(errorRows.first(), '文件中没有对应这一项的列，请在列映射中指定', { contains: true });
    expect(await errorRows.first().locator('td').allInnerTexts()).toEqual([
      '1',
      zh('importField.phone'),
      '文件中没有对应这一项的列，请在列映射中指定',
    ]);

    // 3. Map "户主电话" to the phone field and check again: all three rows pass.
    const phoneColumn = page.getByLabel('户主电话', { exact: true });
    expect(await phoneColumn.inputValue()).toBe('');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('name');
    await phoneColumn.selectOption({ label: zh('importField.phone') });
    await page.getByRole('button', { name: zh('import.recheck') }).click();
    await reads(page.locator('.alert[role="status"]'), zh('import.allValid', { rows: 3 }));
    await gone(errors);

    // 4. Commit, and the wizard says how many were written.
    await page.getByRole('button', { name: zh('import.commit', { count: 3 }) }).click();
    await reads(
      page.locator('.alert[role="status"]'),
      zh('import.committed', { count: 3, file: '田林十二村名单.xlsx' }),
    );

    // 5. The roster lists the three, with their needs, and identity masked.
    await page.getByRole('link', { name: zh('gk.nav.patients') }).click();
    await shows(page.getByText(zh('roster.count', { count: 3 }), { exact: true }));
    const roster = page.locator('table tbody');
    for (const person of [WANG, LI, CHEN]) {
      const row = roster.locator('tr', { has: page.getByRole('rowheader', { name: person.name }) });
      await reads(row, maskedId(person.id), { contains: true });
      await reads(row, `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`, { contains: true });
    }
    const chen = roster.locator('tr', { has: page.getByRole('rowheader', { name: CHEN.name }) });
    await reads(chen, zh('infection.close_contact'), { contains: true });
    await reads(chen, '12:30', { contains: true });
    const text = await roster.textContent();
    for (const person of [WANG, LI, CHEN]) {
      expect(text).not.toContain(person.id);
      expect(text).not.toContain(person.phone);
    }

    // 6. An imported record is edited like any other: the ID and phone stay masked and are kept when
    // left empty; the new room and mobility are saved.
    await chen.getByRole('link', { name: zh('roster.editNamed', { name: CHEN.name }) }).click();
    const nationalId = page.getByLabel(zh('patient.nationalId'), { exact: true });
    expect(await nationalId.inputValue()).toBe('');
    await reads(
      page.locator(`[id="${await nationalId.getAttribute('id')}-hint"]`),
      zh('patient.keepMasked', { value: maskedId(CHEN.id) }),
    );
    await page.getByLabel(zh('patient.room'), { exact: true }).fill('302');
    await page.getByLabel(zh('patient.mobility')).selectOption({ label: zh('mobility.wheelchair') });
    await page.getByRole('button', { name: zh('patient.save') }).click();
    await shows(page.getByText(zh('gk.editPatient.saved'), { exact: true }));
    await page.getByRole('link', { name: zh('gk.editPatient.back') }).click();
    const edited = page.locator('table tbody tr', { has: page.getByRole('rowheader', { name: CHEN.name }) });
    await reads(edited, '302', { contains: true });
    await reads(edited, zh('mobility.wheelchair'), { contains: true });
    await reads(edited, maskedId(CHEN.id), { contains: true });
  });

  it('is told in Chinese why an old .xls renamed .xlsx cannot be read', async () => {
    const page = await signIn(world.browser, world.server, world.city.people.gatekeeper, { locale: 'zh-CN' });
    onTestFailed(() => captureScreens('gatekeeper-import-xls', { gatekeeper: page }));
    await page.goto('/gatekeeper/import');
    // An Excel 97–2003 file starts with the OLE compound-document signature, not a zip.
    const oldWorkbook = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    await upload(page, '名单.xlsx', XLSX_TYPE, oldWorkbook);
    await reads(
      page.getByRole('alert'),
      zh('import.fileUnreadable', { reason: FIELD_MESSAGES.import_not_xlsx['zh-CN'] }),
    );
    expect(await page.getByRole('heading', { name: zh('import.mappingTitle') }).count()).toBe(0);
  });

  it('commits nothing when a row was registered between the check and the commit, and names that row', async () => {
    const { browser, server, city } = world;
    const page = await signIn(browser, server, city.people.gatekeeper, { locale: 'zh-CN' });
    onTestFailed(() => captureScreens('gatekeeper-import-race', { gatekeeper: page }));
    await page.goto('/gatekeeper/import');
    await upload(
      page,
      '补充名单.csv',
      'text/csv',
      csvUtf8([
        ['姓名', '身份证号', '手机号', '需求类型', '透析日', '透析时间'],
        [ZHAO.name, ZHAO.id, ZHAO.phone, '血透', '一三五', '8:00'],
        [SUN.name, SUN.id, SUN.phone, '血透', '二四六', '8:00'],
      ]),
    );
    await reads(page.locator('.alert[role="status"]'), zh('import.allValid', { rows: 2 }));

    // Meanwhile a colleague registers 孙立新 by hand at the desk.
    const colleague = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    const registered = await api(server, 'POST', `/api/v1/compounds/${city.compound.id}/patients`, {
      token: colleague,
      body: { name: SUN.name, nationalId: SUN.id, phone: SUN.phone },
    });
    expect(registered.status).toBe(201);

    await page.getByRole('button', { name: zh('import.commit', { count: 2 }) }).click();
    await reads(page.getByRole('alert'), zh('import.commitRefused'));
    const errors = page.locator('table', {
      has: page.locator('caption', { hasText: zh('import.errorsCaption') }),
    });
    expect(await errors.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual([
      '3',
      zh('importField.nationalId'),
      '该身份证号已登记',
    ]);
    await reads(
      page.locator('.alert[role="status"]'),
      zh('import.hasErrors', { valid: 1, rows: 2, errors: 1 }),
    );
    expect(await page.getByRole('button', { name: zh('import.commit', { count: 1 }) }).isDisabled()).toBe(
      true,
    );

    // All or nothing: 赵丽华 was not written either.
    await page.getByRole('link', { name: zh('gk.nav.patients') }).click();
    await shows(page.getByRole('rowheader', { name: SUN.name }));
    expect(await page.getByRole('rowheader', { name: ZHAO.name }).count()).toBe(0);
  });
});

import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { errors } from '../../errors.ts';

export const MAX_IMPORT_ROWS = 20_000;

export interface SheetTable {
  format: 'xlsx' | 'csv';
  /** `utf-8`, `utf-8-bom` or `gb18030` for CSV; `xlsx` for workbooks. */
  encoding: string;
  headers: string[];
  /** Data rows with the row number the spreadsheet shows (the header row is 1 when it is the first). */
  rows: Array<{ row: number; cells: string[] }>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Which reader a file needs, from its name; anything else is a 415. */
export function spreadsheetFormat(fileName: string): 'xlsx' | 'csv' {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  throw errors.unsupportedMediaType('an .xlsx workbook or a .csv file');
}

/** Reads the first sheet of a workbook or a CSV into header + rows; unreadable files are a 400 saying why. */
export async function readSpreadsheet(fileName: string, buffer: Buffer): Promise<SheetTable> {
  const format = spreadsheetFormat(fileName);
  const table = format === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
  if (table.headers.length === 0 || table.rows.length === 0) {
    throw errors.fieldCode('file', 'import_no_rows');
  }
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw errors.fieldCode('file', 'import_too_many_rows', { max: MAX_IMPORT_ROWS });
  }
  return table;
}

function readCsv(buffer: Buffer): SheetTable {
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw errors.fieldCode('file', 'import_workbook_as_csv');
  }
  const { text, encoding } = decodeCsv(buffer);
  if (text.includes('\u0000')) throw errors.fieldCode('file', 'import_not_text_csv');
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw errors.fieldCode('file', 'import_bad_csv', { reason });
  }
  return toTable(
    'csv',
    encoding,
    records.map((cells, i) => ({ row: i + 1, cells })),
  );
}

/**
 * Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK, a subset of GB18030); newer Excel
 * offers "CSV UTF-8" with a BOM. Valid UTF-8 without a BOM is taken as UTF-8; anything else as GB18030.
 */
export function decodeCsv(buffer: Buffer): { text: string; encoding: string } {
  if (buffer.subarray(0, 3).equals(UTF8_BOM))
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
  }
}

async function readXlsx(buffer: Buffer): Promise<SheetTable> {
  if (!buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw errors.fieldCode('file', 'import_not_xlsx');
  }
  // Loaded on the first import, not at start: exceljs and its zip libraries are some 400 modules,
  // a large share of a node's start-up time (docs/operations.md, "Draining and rolling restarts").
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw errors.fieldCode('file', 'import_damaged_xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw errors.fieldCode('file', 'import_no_worksheet');
  const rows: SheetTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return toTable('xlsx', 'xlsx', rows);
}

function toTable(format: 'xlsx' | 'csv', encoding: string, rows: SheetTable['rows']): SheetTable {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...data] = nonEmpty;
  return { format, encoding, headers: header ? header.cells.map((c) => c.trim()) : [], rows: data };
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, times as HH:MM, rich text flattened. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) >= 1e15 ? value.toExponential() : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    // Excel stores a time of day as a date on 1899-12-30.
    if (value.getUTCFullYear() <= 1900) return value.toISOString().slice(11, 16);
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return '';
}

import type { CodeCatalog, ComplaintReport, Locale } from '@lastmeter/shared';

/** The complaints spreadsheet's words (CODE_STYLE.md 8): its column headings, in order, and a yes. */
export const COMPLAINTS_CSV_TEXT = {
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  day: { 'zh-CN': '日期', en: 'Day' },
  time: { 'zh-CN': '时间', en: 'Time' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  source: { 'zh-CN': '来源', en: 'Source' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  forbiddenGround: { 'zh-CN': '违规理由（核酸/健康码/症状）', en: 'Forbidden ground' },
  description: { 'zh-CN': '说明', en: 'Description' },
  status: { 'zh-CN': '状态', en: 'Status' },
  outcome: { 'zh-CN': '处理结果', en: 'Outcome' },
  trip: { 'zh-CN': '行程', en: 'Trip' },
  yes: { 'zh-CN': '是', en: 'yes' },
} as const satisfies CodeCatalog;

const COLUMNS = [
  'hospital',
  'day',
  'time',
  'kind',
  'source',
  'reason',
  'forbiddenGround',
  'description',
  'status',
  'outcome',
  'trip',
] as const satisfies readonly (keyof typeof COMPLAINTS_CSV_TEXT)[];

/**
 * A spreadsheet cell: quoted when needed, and a leading `=`, `+`, `-` or `@` neutralised so Excel
 * never runs a formula someone typed into a complaint.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line per complaint, by hospital then time, with a BOM so Excel on Chinese Windows reads UTF-8. */
export function complaintsCsv(report: ComplaintReport, locale: Locale, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const yes = COMPLAINTS_CSV_TEXT.yes[locale];
  const lines = [COLUMNS.map((column) => csvCell(COMPLAINTS_CSV_TEXT[column][locale])).join(',')];
  for (const c of report.complaints) {
    lines.push(
      [
        c.hospitalName,
        c.day,
        time.format(new Date(c.occurredAt)),
        c.kind,
        c.source,
        c.reason ?? '',
        c.forbiddenGround ? yes : '',
        c.description,
        c.status,
        c.outcome ?? '',
        c.tripId ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

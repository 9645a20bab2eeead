import type { ComplaintReport, Locale } from '@lastmeter/shared';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': [
    '医院',
    '日期',
    '时间',
    '类型',
    '来源',
    '理由',
    '违规理由（核酸/健康码/症状）',
    '说明',
    '状态',
    '处理结果',
    '行程',
  ],
  en: [
    'Hospital',
    'Day',
    'Time',
    'Kind',
    'Source',
    'Reason',
    'Forbidden ground',
    'Description',
    'Status',
    'Outcome',
    'Trip',
  ],
};

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
  const yes = locale === 'en' ? 'yes' : '是';
  const lines = [HEADERS[locale].map(csvCell).join(',')];
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

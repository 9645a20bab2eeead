import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resolveMapping } from './header-mapping.ts';
import { parseDate, parsePrescriptionItems, parseTime, parseWeekdays } from './parse-import-rows.ts';
import { decodeCsv } from './read-spreadsheet.ts';

describe('spreadsheet cell readers', () => {
  it('reads the ways communities write dialysis days', () => {
    expect(parseWeekdays('一三五')).toEqual([1, 3, 5]);
    expect(parseWeekdays('周一、周三、周五')).toEqual([1, 3, 5]);
    expect(parseWeekdays('1,3,5')).toEqual([1, 3, 5]);
    expect(parseWeekdays('星期二 星期四 星期六')).toEqual([2, 4, 6]);
    expect(parseWeekdays('Mon/Wed/Fri')).toEqual([1, 3, 5]);
    expect(parseWeekdays('每周日')).toEqual([7]);
    expect(parseWeekdays('隔天')).toBeNull();
    expect(parseWeekdays('8')).toBeNull();
  });

  it('reads a prescription as communities write it: one medicine and its quantity per line', () => {
    expect(parsePrescriptionItems('二甲双胍缓释片 60片（每日两次）；阿托伐他汀钙片×28片')).toEqual([
      { name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次' },
      { name: '阿托伐他汀钙片', quantity: '28片', instructions: '' },
    ]);
    expect(parsePrescriptionItems('维生素 B12 2盒\n硝苯地平控释片 * 30片')).toEqual([
      { name: '维生素 B12', quantity: '2盒', instructions: '' },
      { name: '硝苯地平控释片', quantity: '30片', instructions: '' },
    ]);
    expect(parsePrescriptionItems('二甲双胍缓释片')).toBeNull();
    expect(parsePrescriptionItems('；')).toBeNull();
  });

  it('reads times and dates', () => {
    expect(parseTime('7:00')).toBe('07:00');
    expect(parseTime('13：30')).toBe('13:30');
    expect(parseTime('7点半')).toBe('07:30');
    expect(parseTime('25:00')).toBeNull();
    expect(parseDate('2026/5/1')).toBe('2026-05-01');
    expect(parseDate('2026年5月1日')).toBe('2026-05-01');
    expect(parseDate('2026-02-30')).toBeNull();
  });

  it('maps Chinese headers automatically and lets the client override', () => {
    const headers = [
      '姓名',
      '身份证号码',
      '手机号',
      '楼栋',
      '单元',
      '房号',
      '需求类型',
      '透析日',
      '透析时间（HH:MM）',
      '备用',
    ];
    expect(resolveMapping(headers, undefined)).toMatchObject({
      姓名: 'name',
      身份证号码: 'nationalId',
      透析日: 'dialysisDays',
      '透析时间（HH:MM）': 'startTime',
      备用: null,
    });
    expect(resolveMapping(headers, { 备用: 'notes', 房号: null })).toMatchObject({
      备用: 'notes',
      房号: null,
    });
    expect(() => resolveMapping(headers, { 不存在: 'notes' })).toThrow();
  });

  it('decodes GB18030, UTF-8 and UTF-8 with BOM', () => {
    const text = '姓名,身份证号\n张三明,1\n';
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { complaintsCsv, csvCell } from './complaints-csv.ts';
import { totalsByHospitalDay } from './get-complaint-report.ts';

const base = {
  hospitalId: '00000000-0000-4000-8000-000000000001',
  hospitalName: '中山医院',
  districtId: null,
  source: 'driver' as const,
  incidentId: null,
  tripId: null,
  reason: 'test_result',
  description: '要求核酸',
  occurredAt: '2026-03-02T01:30:00.000Z',
  day: '2026-03-02',
  status: 'open' as const,
  outcome: null,
  resolvedAt: null,
};

describe('complaints CSV', () => {
  it('neutralises formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('普通')).toBe('普通');
  });

  it('writes a BOM, localized headers and local times', () => {
    const csv = complaintsCsv(
      {
        from: '2026-03-01',
        to: '2026-03-02',
        rows: [],
        complaints: [
          {
            ...base,
            id: '00000000-0000-4000-8000-00000000000a',
            kind: 'refused_at_gate',
            forbiddenGround: true,
          },
        ],
      },
      'zh-CN',
      'Asia/Shanghai',
    );
    expect(csv.startsWith('\uFEFF医院,日期,时间')).toBe(true);
    expect(csv).toContain('中山医院,2026-03-02,09:30,refused_at_gate,driver,test_result,是,要求核酸,open');
    const en = complaintsCsv(
      { from: '2026-03-01', to: '2026-03-02', rows: [], complaints: [] },
      'en',
      'Asia/Shanghai',
    );
    expect(en).toBe(
      '\uFEFFHospital,Day,Time,Kind,Source,Reason,Forbidden ground,Description,Status,Outcome,Trip\r\n',
    );
  });
});

describe('totals by hospital and day', () => {
  it('counts refusals, forbidden grounds and open ones per hospital and day', () => {
    const rows = totalsByHospitalDay([
      { ...base, id: 'a', kind: 'refused_at_gate', forbiddenGround: true },
      { ...base, id: 'b', kind: 'refused_at_gate', forbiddenGround: false, status: 'resolved' },
      { ...base, id: 'c', kind: 'other', forbiddenGround: false, day: '2026-03-03' },
    ]);
    expect(rows).toEqual([
      {
        hospitalId: base.hospitalId,
        hospitalName: '中山医院',
        day: '2026-03-02',
        total: 2,
        refusals: 2,
        forbiddenGrounds: 1,
        open: 1,
      },
      {
        hospitalId: base.hospitalId,
        hospitalName: '中山医院',
        day: '2026-03-03',
        total: 1,
        refusals: 0,
        forbiddenGrounds: 0,
        open: 1,
      },
    ]);
  });
});

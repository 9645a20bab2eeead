import { auditLog, careNeeds, deliveries, patients, prescriptions } from '@lastmeter/db';
import { FIELD_MESSAGES } from '@lastmeter/shared';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../../support/calendar.ts';
import { validNationalId } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, upload, type World } from './world.ts';

let server: TestServer;
let w: World;
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(() => server.stop());

const HEADERS = [
  '姓名',
  '身份证号',
  '手机号',
  '楼栋',
  '单元',
  '房号',
  '需求类型',
  '透析日',
  '透析时间',
  '行动能力',
  '陪同人数',
  '感染类别',
  '常去医院',
  '预产期',
];
const due = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
function rows() {
  return [
    [
      '王建国',
      validNationalId('1955-06-01'),
      '13912345678',
      '3',
      '1',
      '502',
      '血透',
      '一三五',
      '7:00',
      '轮椅',
      '1',
      '普通',
      '瑞金医院',
      '',
    ],
    [
      '李秀英',
      validNationalId('1992-02-02', 'female'),
      '13712345678',
      '5',
      '2',
      '101',
      '孕妇',
      '',
      '',
      '步行',
      '1',
      '密接',
      '',
      due,
    ],
    [
      '陈志强',
      validNationalId('1970-01-01'),
      '13612345678',
      '7',
      '1',
      '301',
      '透析',
      '周二、周四、周六',
      '13:00',
      '担架',
      '0',
      '阳性',
      '',
      '',
    ],
  ];
}
const csv = (table: string[][]) => `${table.map((r) => r.join(',')).join('\r\n')}\r\n`;
const path = () => `/api/v1/compounds/${w.compoundA.id}/patients/import`;
const countIn = async (compoundId: string) =>
  (await w.db.select({ n: count() }).from(patients).where(eq(patients.compoundId, compoundId)))[0]?.n ?? 0;

interface ImportBody {
  mode: string;
  encoding: string;
  mapping: Record<string, string | null>;
  rowCount: number;
  validCount: number;
  errors: Array<{ row: number; field: string; message: string }>;
  preview: Array<{ row: number; nationalId: string; needKind: string | null; mobility: string }>;
  imported: number;
  code?: string;
  issues?: Array<{ path: string; message: string }>;
}

describe('spreadsheet import', () => {
  it('reads a GB18030 CSV saved by Excel on Chinese Windows: dry run, then commit', async () => {
    const table = rows();
    const file = {
      name: '田林社区名单.csv',
      content: iconv.encode(csv([HEADERS, ...table]), 'gb18030'),
      type: 'text/csv',
    };
    const dry = await upload(server, path(), w.gatekeeperA.token, file);
    expect(dry.status).toBe(200);
    const body = dry.body as unknown as ImportBody;
    expect(body).toMatchObject({
      mode: 'dry_run',
      encoding: 'gb18030',
      rowCount: 3,
      validCount: 3,
      errors: [],
      imported: 0,
    });
    expect(body.mapping).toMatchObject({
      姓名: 'name',
      身份证号: 'nationalId',
      透析日: 'dialysisDays',
      预产期: 'dueDate',
    });
    expect(body.preview.map((p) => [p.row, p.needKind, p.mobility])).toEqual([
      [2, 'dialysis', 'wheelchair'],
      [3, 'pregnancy', 'walk'],
      [4, 'dialysis', 'stretcher'],
    ]);
    expect(body.preview[0]?.nationalId).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(await countIn(w.compoundA.id)).toBe(0);

    const commit = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, file);
    expect(commit.status).toBe(200);
    expect((commit.body as unknown as ImportBody).imported).toBe(3);
    const stored = await w.db.select().from(patients).where(eq(patients.compoundId, w.compoundA.id));
    const wang = stored.find((p) => p.name === '王建国');
    expect(wang).toMatchObject({
      mobility: 'wheelchair',
      regularHospitalId: w.hospital.id,
      source: 'import',
      status: 'active',
      gateId: w.compoundA.gate.id,
    });
    expect(wang?.consent).toMatchObject({
      relation: 'gatekeeper',
      recordedBy: w.gatekeeperA.id,
      source: 'import:田林社区名单.csv',
    });
    const [need] = await w.db
      .select()
      .from(careNeeds)
      .where(eq(careNeeds.patientId, wang?.id ?? ''));
    expect(need?.schedule).toEqual({ weekdays: [1, 3, 5], startTime: '07:00', sessionMinutes: 240 });
    const chen = stored.find((p) => p.name === '陈志强');
    expect(chen?.infectionClass).toBe('positive');
    const audits = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import'), eq(auditLog.actorId, w.gatekeeperA.id)));
    expect(audits).toHaveLength(3);

    // Same file again: every row is now a duplicate, nothing more is written.
    const again = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, file);
    expect(again.status).toBe(400);
    expect(await countIn(w.compoundA.id)).toBe(3);
  });

  it('reads an .xlsx with Chinese headers, and UTF-8 CSV with a BOM', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(HEADERS);
    for (const r of rows()) sheet.addRow(r);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(
      server,
      `/api/v1/compounds/${w.compoundB.id}/patients/import?mode=commit`,
      w.gatekeeperB.token,
      {
        name: '名单.xlsx',
        content: xlsx,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', imported: 3 });
    expect(await countIn(w.compoundB.id)).toBe(3);

    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(csv([HEADERS, ...rows()]), 'utf8'),
    ]);
    const dry = await upload(
      server,
      `/api/v1/compounds/${w.compoundB.id}/patients/import`,
      w.gatekeeperB.token,
      { name: 'utf8.csv', content: bom },
    );
    expect(dry.body).toMatchObject({ encoding: 'utf-8-bom', validCount: 3, errors: [] });
  });

  it('reports every bad row in the caller language, and a commit with any bad row writes nothing', async () => {
    const table = rows();
    table[0]![1] = `${table[0]![1]!.slice(0, 17)}${table[0]![1]!.endsWith('1') ? '2' : '1'}`;
    table[1]![2] = '1234';
    table[2]![7] = '隔天';
    table.push([...table[2]!]);
    table[3]![1] = table[2]![1]!;
    table[3]![7] = '一三五';
    const file = { name: 'bad.csv', content: iconv.encode(csv([HEADERS, ...table]), 'gb18030') };
    const dry = await upload(server, path(), w.gatekeeperA.token, file, {}, { 'accept-language': 'en' });
    const body = dry.body as unknown as ImportBody;
    expect(body.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'nationalId'],
      [3, 'phone'],
      [4, 'dialysisDays'],
      [5, 'nationalId'],
    ]);
    expect(body.errors[1]?.message).toBe(FIELD_MESSAGES.mobile_invalid.en);
    const zh = await upload(server, path(), w.gatekeeperA.token, file, {}, { 'accept-language': 'zh-CN' });
    expect((zh.body as unknown as ImportBody).errors[2]?.message).toContain('透析日无法识别');

    const before = await countIn(w.compoundA.id);
    const commit = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, file);
    expect(commit.status).toBe(400);
    expect(commit.body.code).toBe('validation_failed');
    expect((commit.body as unknown as ImportBody).issues?.map((i) => i.path)).toContain('rows.3.phone');
    expect(await countIn(w.compoundA.id)).toBe(before);
  });

  it('lets the client override the automatic mapping', async () => {
    const headers = ['病人', '证件', '电话'];
    const file = {
      name: 'odd.csv',
      content: Buffer.from(csv([headers, ['周小红', validNationalId(), '13512345678']])),
    };
    const auto = await upload(server, path(), w.gatekeeperA.token, file);
    expect((auto.body as unknown as ImportBody).errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'name'],
      [1, 'nationalId'],
    ]);
    const mapped = await upload(server, path(), w.gatekeeperA.token, file, {
      mapping: JSON.stringify({ 病人: 'name', 证件: 'nationalId', 电话: 'phone' }),
    });
    expect(mapped.body).toMatchObject({ validCount: 1, errors: [] });
    const badMapping = await upload(server, path(), w.gatekeeperA.token, file, {
      mapping: JSON.stringify({ 病人: 'shoeSize' }),
    });
    expect(badMapping.status).toBe(400);
  });

  it('refuses oversize (413), unsupported (415) and malformed (400) files, writing nothing', async () => {
    const before = await countIn(w.compoundA.id);
    const big = await upload(server, path(), w.gatekeeperA.token, {
      name: 'big.csv',
      content: Buffer.alloc(5 * 1024 * 1024 + 10, 0x41),
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const pdf = await upload(server, path(), w.gatekeeperA.token, {
      name: 'list.pdf',
      content: Buffer.from('%PDF-1.4'),
    });
    expect(pdf.status).toBe(415);
    const brokenXlsx = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, {
      name: 'broken.xlsx',
      content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
    });
    expect(brokenXlsx.status).toBe(400);
    // The reason is coded, so it reads in the request's language (zh-CN by default).
    expect(brokenXlsx.body.issues).toEqual([
      expect.objectContaining({
        path: 'file',
        code: 'import_damaged_xlsx',
        message: FIELD_MESSAGES.import_damaged_xlsx['zh-CN'],
      }),
    ]);
    const notXlsx = await upload(server, path(), w.gatekeeperA.token, {
      name: 'old.xlsx',
      content: Buffer.from('not a zip'),
    });
    expect(notXlsx.status).toBe(400);
    const badCsv = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, {
      name: 'quote.csv',
      content: Buffer.from('姓名,身份证号\n"张三,1\n'),
    });
    expect(badCsv.status).toBe(400);
    const json = await fetch(`${server.url}${path()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.gatekeeperA.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await countIn(w.compoundA.id)).toBe(before);
  });
});

describe('care without a trip in the sheet (issue 12)', () => {
  const HEAD = ['姓名', '身份证号', '手机号', '需求类型', '服务方式', '常去医院', '处方药品'];
  const sheet = () => [
    [
      '孙丽华',
      validNationalId('1951-05-05', 'female'),
      '13912340001',
      '慢病',
      '送药上门',
      '瑞金医院',
      '二甲双胍缓释片 60片（每日两次，随餐）；阿托伐他汀钙片×28片',
    ],
    ['钱建军', validNationalId('1949-09-09'), '13912340002', '慢病', '线上复诊', '瑞金医院', ''],
  ];

  it('reads the way of service and a prescription, names each bad cell by row and field, and a commit sends the medicines to the gate', async () => {
    server.clock.set(`${cityToday()}T09:00:00+08:00`);
    try {
      const bad = [
        ...sheet(),
        // A medicine without its quantity.
        [
          '周桂兰',
          validNationalId('1950-01-01', 'female'),
          '13912340003',
          '慢病',
          '',
          '瑞金医院',
          '二甲双胍缓释片',
        ],
        // A prescription with no pharmacy to fill it.
        ['吴国华', validNationalId('1947-07-07'), '13912340004', '慢病', '', '', '硝苯地平控释片 30片'],
        // A way of service no one offers.
        ['郑美玲', validNationalId('1960-06-06', 'female'), '13912340005', '慢病', '坐飞机', '', ''],
      ];
      const file = { name: 'care.csv', content: Buffer.from(csv([HEAD, ...bad]), 'utf8') };
      const en = await upload(server, path(), w.gatekeeperA.token, file, {}, { 'accept-language': 'en' });
      expect(en.status, JSON.stringify(en.body)).toBe(200);
      const enBody = en.body as unknown as ImportBody & { prescriptions: number };
      expect(enBody.mapping).toMatchObject({ 服务方式: 'wayOfService', 处方药品: 'prescriptionItems' });
      expect(enBody.errors.map((e) => [e.row, e.field])).toEqual([
        [4, 'prescriptionItems'],
        [5, 'regularHospital'],
        [6, 'wayOfService'],
      ]);
      expect(enBody.errors[0]?.message).toContain('unreadable prescription');
      expect(enBody.errors[1]?.message).toBe(
        'a prescription needs the regular hospital (its pharmacy fills it)',
      );
      expect(enBody.errors[2]?.message).toBe('way of service must be trip, online visit or delivery');
      expect(enBody).toMatchObject({ validCount: 2, prescriptions: 1 });
      const zh = await upload(server, path(), w.gatekeeperA.token, file, {}, { 'accept-language': 'zh-CN' });
      const zhErrors = (zh.body as unknown as ImportBody).errors;
      expect(zhErrors[0]?.message).toContain('处方药品无法识别');
      expect(zhErrors[1]?.message).toContain('须填写常去医院');
      const refused = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, file);
      expect(refused.status).toBe(400);
      expect((refused.body as unknown as ImportBody).issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['rows.4.prescriptionItems', 'rows.5.regularHospital', 'rows.6.wayOfService']),
      );

      const good = { name: 'care.csv', content: Buffer.from(csv([HEAD, ...sheet()]), 'utf8') };
      const commit = await upload(server, `${path()}?mode=commit`, w.gatekeeperA.token, good);
      expect(commit.status, JSON.stringify(commit.body)).toBe(200);
      expect(commit.body).toMatchObject({ imported: 2, prescriptions: 1 });
      const stored = await w.db.select().from(patients).where(eq(patients.compoundId, w.compoundA.id));
      const sun = stored.find((p) => p.name === '孙丽华');
      const qian = stored.find((p) => p.name === '钱建军');
      const ways = await w.db
        .select({ patientId: careNeeds.patientId, serveBy: careNeeds.serveBy })
        .from(careNeeds)
        .where(eq(careNeeds.kind, 'chronic'));
      expect(ways).toEqual(
        expect.arrayContaining([
          { patientId: sun?.id, serveBy: 'delivery' },
          { patientId: qian?.id, serveBy: 'online_visit' },
        ]),
      );
      const [parcel] = await w.db
        .select()
        .from(deliveries)
        .where(eq(deliveries.patientId, sun?.id ?? ''));
      expect(parcel).toMatchObject({
        status: 'pending',
        hospitalId: w.hospital.id,
        gateId: w.compoundA.gate.id,
        date: cityToday(),
      });
      const [prescription] = await w.db
        .select()
        .from(prescriptions)
        .where(eq(prescriptions.id, parcel?.prescriptionId ?? ''));
      expect(prescription).toMatchObject({
        source: 'paper',
        issuedBy: w.gatekeeperA.id,
        items: [
          { name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次，随餐' },
          { name: '阿托伐他汀钙片', quantity: '28片', instructions: '' },
        ],
      });
      expect(
        await w.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.patientId, qian?.id ?? '')),
      ).toEqual([]);
    } finally {
      server.clock.reset();
    }
  });
});

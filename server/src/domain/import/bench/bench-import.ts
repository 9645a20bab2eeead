/**
 * Import benchmark (CODE_STYLE.md 12: prints figures, asserts nothing). Generates a 5,000-row .xlsx and
 * a 5,000-row GB18030 .csv with Chinese headers, then dry-runs and commits each through the same use
 * case the HTTP route calls, on embedded PGlite and — when DATABASE_URL is set — on a scratch
 * PostgreSQL database that is dropped afterwards.
 *
 *   pnpm --filter @lastmeter/server exec tsx src/domain/import/bench/bench-import.ts [rows]
 */
import { randomBytes } from 'node:crypto';
import { accounts, compounds, type Db, districts, gates, hospitals, openDatabase } from '@lastmeter/db';
import { DEFAULT_TIME_ZONE, nationalIdCheckDigit } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startProjections } from '../../../projections.ts';
import type { Actor } from '../../actor.ts';
import { importPatients } from '../import-patients.ts';

const ROWS = Number(process.argv[2] ?? 5000);
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
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '建国秀英志强桂兰明华玉珍文军海燕';
const DAYS = ['一三五', '二四六', '周一、周三、周五', '1,3,5'];
const MOBILITY = ['步行', '轮椅', '担架'];
const INFECTION = ['普通', '普通', '普通', '密接', '阳性'];

function rows(offset: number): string[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    const n = offset + i;
    const birth = new Date(Date.UTC(1940, 0, 1) + (n % 20_000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const first17 = `${310104 + Math.floor(n / 20_000)}${birth}${String(n % 1000).padStart(3, '0')}`;
    const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${GIVEN[(n * 3) % GIVEN.length]}`;
    return [
      name,
      first17 + nationalIdCheckDigit(first17),
      `139${String(n).padStart(8, '0')}`,
      String(1 + (n % 40)),
      String(1 + (n % 4)),
      String(101 + (n % 600)),
      '血透',
      DAYS[n % DAYS.length] ?? '一三五',
      n % 2 ? '07:00' : '12:30',
      MOBILITY[n % MOBILITY.length] ?? '步行',
      String(n % 3),
      INFECTION[n % INFECTION.length] ?? '普通',
      '瑞金医院',
    ];
  });
}

async function xlsxFile(offset: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(HEADERS);
  for (const r of rows(offset)) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function gbCsvFile(offset: number): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const text = [HEADERS, ...rows(offset)].map((r) => r.map(quote).join(',')).join('\r\n');
  return iconv.encode(text, 'gb18030');
}

async function seed(db: Db) {
  const [district] = await db
    .insert(districts)
    .values({
      code: `B${randomBytes(3).toString('hex')}`,
      name: '徐汇区',
      city: '上海市',
      center: [121.43, 31.18],
    })
    .returning();
  await db
    .insert(hospitals)
    .values({ name: '瑞金医院', lng: 121.47, lat: 31.21, entranceLng: 121.47, entranceLat: 31.21 });
  const [account] = await db
    .insert(accounts)
    .values({
      username: `bench_${randomBytes(3).toString('hex')}`,
      passwordHash: 'x',
      role: 'admin',
      displayName: '基准测试',
    })
    .returning();
  const compound = async () => {
    const [c] = await db
      .insert(compounds)
      .values({
        districtId: district!.id,
        name: `基准小区${randomBytes(2).toString('hex')}`,
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [121.4, 31.1],
              [121.41, 31.1],
              [121.41, 31.11],
              [121.4, 31.1],
            ],
          ],
        },
        selfRegistrationToken: randomBytes(18).toString('base64url'),
      })
      .returning();
    await db.insert(gates).values({ compoundId: c!.id, name: '东门', lng: 121.405, lat: 31.1 });
    return c!.id;
  };
  const actor: Actor = {
    accountId: account!.id,
    sessionId: 'bench',
    sessionExpiresAt: new Date(Date.now() + 3_600_000),
    username: account!.username,
    displayName: account!.displayName,
    role: 'admin',
    locale: 'zh-CN',
    districtIds: [],
    compoundIds: [],
    compoundDistrictIds: [],
    hospitalId: null,
    vehicleId: null,
    driverId: null,
    mustChangePassword: false,
    ip: '127.0.0.1',
  };
  return { actor, xlsxCompound: await compound(), csvCompound: await compound() };
}

async function run(label: string, db: Db) {
  const { actor, xlsxCompound, csvCompound } = await seed(db);
  const files = [
    { name: `名单-${ROWS}.xlsx`, buffer: await xlsxFile(0), compoundId: xlsxCompound },
    { name: `名单-${ROWS}-gb18030.csv`, buffer: gbCsvFile(ROWS), compoundId: csvCompound },
  ];
  for (const file of files) {
    const t0 = performance.now();
    const dry = await importPatients({
      db,
      actor,
      compoundId: file.compoundId,
      now: new Date(),
      timeZone: DEFAULT_TIME_ZONE,
      file,
      mode: 'dry_run',
    });
    const t1 = performance.now();
    const done = await importPatients({
      db,
      actor,
      compoundId: file.compoundId,
      now: new Date(),
      timeZone: DEFAULT_TIME_ZONE,
      file,
      mode: 'commit',
    });
    const t2 = performance.now();
    if (dry.errors.length || done.imported !== ROWS)
      throw new Error(`${file.name}: ${dry.errors.length} errors, ${done.imported} imported`);
    const commitMs = t2 - t1;
    console.log(
      [
        label.padEnd(10),
        file.name.padEnd(26),
        `${(file.buffer.length / 1024).toFixed(0)} KiB`.padStart(9),
        `dry run ${(t1 - t0).toFixed(0)} ms`.padStart(16),
        `commit ${commitMs.toFixed(0)} ms`.padStart(16),
        `${Math.round((ROWS / commitMs) * 1000)} rows/s`.padStart(14),
      ].join('  '),
    );
  }
}

console.log(`Import benchmark: ${ROWS} rows per file, Node ${process.version}`);
startProjections();
const pglite = await openDatabase({ dataDir: 'memory://' });
await run('pglite', pglite.db);
await pglite.close();

if (process.env.DATABASE_URL) {
  const base = process.env.DATABASE_URL;
  const name = `lm_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: base, migrate: false, maxConnections: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pg = await openDatabase({ url: url.toString() });
  try {
    await run('postgres', pg.db);
  } finally {
    await pg.close();
    await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
}

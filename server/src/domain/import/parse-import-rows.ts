import {
  CareNeedInput,
  FIELD_MESSAGES,
  fieldMessage,
  type ImportField,
  type ImportMapping,
  type ImportRowError,
  type InfectionClass,
  isValidMainlandMobile,
  isValidNationalId,
  type Locale,
  type Mobility,
  type NeedKind,
  PrescriptionItem,
  textParams,
  textProblem,
  type WayOfService,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import type { NewPatient } from '../patients/insert-patients.ts';
import {
  birthDateOfId,
  checkIdentityDates,
  checkNeedDates,
  NEED_RULE_MESSAGES,
  needWayIssues,
} from '../patients/need-rules.ts';
import type { SheetTable } from './read-spreadsheet.ts';

/** One spreadsheet row as it will be stored: the patient's fields as the registry writes them (`NewPatient`). */
export interface ImportCandidate
  extends Pick<
    NewPatient,
    | 'name'
    | 'nationalId'
    | 'phone'
    | 'building'
    | 'unit'
    | 'room'
    | 'gateId'
    | 'mobility'
    | 'companions'
    | 'infectionClass'
  > {
  row: number;
  regularHospitalId: string | null;
  notes: string;
  need: CareNeedInput | null;
  /** Medicines to deliver to the gate from the regular hospital's pharmacy (a paper list copied in). */
  prescription: PrescriptionItem[] | null;
}

export interface ParseContext {
  locale: Locale;
  today: string;
  /** Hospital names as written in the sheet → id. */
  hospitals: Map<string, string>;
  /** The compound's gates by name, and the default one. */
  gates: Map<string, string>;
  defaultGateId: string | null;
}

type Code =
  | 'required'
  | 'no_column'
  | 'bad_id'
  | 'id_as_number'
  | 'bad_mobile'
  | 'bad_need_kind'
  | 'bad_weekdays'
  | 'bad_time'
  | 'bad_minutes'
  | 'bad_mobility'
  | 'bad_companions'
  | 'bad_infection'
  | 'unknown_hospital'
  | 'unknown_gate'
  | 'bad_date'
  | 'bad_schedule'
  | 'bad_way'
  | 'bad_prescription'
  | 'too_many_items'
  | 'prescription_needs_hospital'
  | 'duplicate_in_file';

export const IMPORT_ROW_MESSAGES: Record<Code, Record<Locale, string>> = {
  required: { 'zh-CN': '必填', en: 'is required' },
  no_column: {
    'zh-CN': '文件中没有对应这一项的列，请在列映射中指定',
    en: 'no column is mapped to this field; set it in the mapping',
  },
  bad_id: {
    'zh-CN': '身份证号无效（校验位不符或日期错误）',
    en: 'not a valid resident ID number (check character or date wrong)',
  },
  id_as_number: {
    'zh-CN': '身份证号被 Excel 存成了数字，末位已丢失；请把该列设为“文本”后重新填写',
    en: 'Excel stored the ID number as a number and lost digits; format the column as text and re-enter it',
  },
  bad_mobile: FIELD_MESSAGES.mobile_invalid,
  bad_need_kind: {
    'zh-CN': '无法识别的需求类型（血透、化疗、放疗、孕产、新生儿、慢病、急诊）',
    en: 'unknown need (dialysis, chemotherapy, radiotherapy, pregnancy, newborn, chronic, emergency)',
  },
  bad_weekdays: {
    'zh-CN': '透析日无法识别，例：一三五、周二周四周六、1,3,5',
    en: 'unreadable dialysis days, e.g. 一三五 or 1,3,5',
  },
  bad_time: { 'zh-CN': '时间应为 HH:MM，例：07:00', en: 'time must be HH:MM, e.g. 07:00' },
  bad_minutes: { 'zh-CN': '时长应为 30–600 分钟', en: 'duration must be 30–600 minutes' },
  bad_mobility: {
    'zh-CN': '行动能力应为 步行、轮椅 或 担架',
    en: 'mobility must be walk, wheelchair or stretcher',
  },
  bad_companions: { 'zh-CN': '陪同人数应为 0–4', en: 'companions must be 0–4' },
  bad_infection: {
    'zh-CN': '感染类别应为 普通、密接 或 阳性',
    en: 'infection class must be normal, close contact or positive',
  },
  unknown_hospital: {
    'zh-CN': '系统中没有这家医院，请核对名称',
    en: 'no hospital of this name in the system',
  },
  unknown_gate: { 'zh-CN': '本小区没有这个出入口', en: 'no gate of this name in the compound' },
  bad_date: { 'zh-CN': '日期无法识别，例：2026-05-01', en: 'unreadable date, e.g. 2026-05-01' },
  bad_schedule: { 'zh-CN': '安排不完整', en: 'the schedule is incomplete' },
  bad_way: {
    'zh-CN': '服务方式应为 到院接送、线上复诊 或 送药上门',
    en: 'way of service must be trip, online visit or delivery',
  },
  bad_prescription: {
    'zh-CN':
      '处方药品无法识别，每种药写“药名 数量”，用分号隔开，例：二甲双胍缓释片 60片；阿托伐他汀钙片 28片（每晚一次）',
    en: 'unreadable prescription: write "medicine quantity" for each, separated by semicolons, e.g. 二甲双胍缓释片 60片; 阿托伐他汀钙片 28片 (每晚一次)',
  },
  too_many_items: { 'zh-CN': '一张处方最多 20 种药品', en: 'a prescription has at most 20 medicines' },
  prescription_needs_hospital: {
    'zh-CN': '有处方药品时须填写常去医院（在该院药房取药）',
    en: 'a prescription needs the regular hospital (its pharmacy fills it)',
  },
  duplicate_in_file: {
    'zh-CN': '与文件中前面一行的身份证号重复',
    en: 'same ID number as an earlier row of the file',
  },
};

const WAY_WORDS: Array<[RegExp, WayOfService]> = [
  [/^(到院|到院接送|到院就诊|往返接送|接送|trip)$/i, 'trip'],
  [/^(线上复诊|在线复诊|线上|在线|互联网诊疗|远程|online|online[_ ]?visit)$/i, 'online_visit'],
  [/^(送药|送药上门|药品配送|配送|delivery)$/i, 'delivery'],
];

const NEED_WORDS: Array<[RegExp, NeedKind]> = [
  [/^(血透|透析|血液透析|肾透析|dialysis)$/i, 'dialysis'],
  [/^(化疗|chemo|chemotherapy)$/i, 'chemotherapy'],
  [/^(放疗|radiotherapy)$/i, 'radiotherapy'],
  [/^(孕产|孕妇|孕产妇|产检|待产|pregnancy)$/i, 'pregnancy'],
  [/^(新生儿|newborn)$/i, 'newborn'],
  [/^(慢病|慢性病|chronic)$/i, 'chronic'],
  [/^(急诊|急救|emergency)$/i, 'emergency'],
];
const MOBILITY_WORDS: Array<[RegExp, Mobility]> = [
  [/^(步行|自行|可步行|正常|walk)$/i, 'walk'],
  [/^(轮椅|wheelchair)$/i, 'wheelchair'],
  [/^(担架|卧床|平车|stretcher)$/i, 'stretcher'],
];
const INFECTION_WORDS: Array<[RegExp, InfectionClass]> = [
  [/^(普通|正常|阴性|无|normal)$/i, 'normal'],
  [/^(密接|次密接|密切接触者|close[_ ]?contact)$/i, 'close_contact'],
  [/^(阳性|确诊|感染者|positive)$/i, 'positive'],
];
const WEEKDAY_CHARS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  七: 7,
};
const WEEKDAY_EN: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** `一三五`, `周一、周三、周五`, `1,3,5`, `Mon/Wed/Fri` → [1, 3, 5]; null when unreadable. */
export function parseWeekdays(text: string): number[] | null {
  const days = new Set<number>();
  let rest = text.toLowerCase().replace(/星期|礼拜|周|每/g, '');
  rest = rest.replace(/mon|tue|wed|thu|fri|sat|sun/g, (m) => {
    days.add(WEEKDAY_EN[m] ?? 0);
    return ' ';
  });
  for (const ch of rest) {
    if (/[\s,，、/;；.。+和及]/.test(ch)) continue;
    const n = WEEKDAY_CHARS[ch] ?? (/[1-7]/.test(ch) ? Number(ch) : null);
    if (n === null) return null;
    days.add(n);
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

/** `7:00`, `07：00`, `7点`, `7点半` → `07:00` / `07:30`; null when unreadable. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:：](\d{2})|点(半|\d{1,2}分?)?)$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute =
    m[2] !== undefined ? Number(m[2]) : m[3] === '半' ? 30 : m[3] ? Number.parseInt(m[3], 10) : 0;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Medicines on one prescription: at most this many lines (PrescriptionInput's limit). */
const MAX_ITEMS = 20;

/**
 * `二甲双胍缓释片 60片；阿托伐他汀钙片×28片（每晚一次）` → one item per medicine (name, quantity, the
 * instructions in brackets), each held to the same schema as a prescription sent over HTTP; null when
 * a line has no quantity or breaks the schema.
 */
export function parsePrescriptionItems(text: string): PrescriptionItem[] | null {
  const lines = text
    .split(/[;；\n|]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return null;
  const items: PrescriptionItem[] = [];
  for (const line of lines) {
    const bracket = /^(.*?)\s*[（(]([^（）()]*)[）)]\s*$/.exec(line);
    const head = (bracket ? bracket[1] : line)?.trim() ?? '';
    const instructions = bracket?.[2]?.trim() ?? '';
    const m = /^(.+?)\s*(?:[×xX*＊]\s*|\s+)(\S*\d\S*)$/.exec(head);
    if (!m) return null;
    const parsed = PrescriptionItem.safeParse({ name: m[1], quantity: m[2], instructions });
    if (!parsed.success) return null;
    items.push(parsed.data);
  }
  return items;
}

/** `2026-05-01`, `2026/5/1`, `2026.5.1`, `2026年5月1日` → `2026-05-01`; null when not a calendar date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}

function pick<T>(words: Array<[RegExp, T]>, text: string): T | null {
  return words.find(([re]) => re.test(text.trim()))?.[1] ?? null;
}

/** Turns every row into a candidate or into errors (all of them, not just the first) in the caller's language. */
const TEXT_FIELDS = ['name', 'building', 'unit', 'room', 'notes'] as const satisfies ImportField[];

export function parseImportRows(
  table: SheetTable,
  mapping: ImportMapping,
  ctx: ParseContext,
): { candidates: ImportCandidate[]; errors: ImportRowError[] } {
  const columns = new Map<ImportField, number>();
  table.headers.forEach((h, i) => {
    const field = mapping[h];
    if (field) columns.set(field, i);
  });
  const errors: ImportRowError[] = [];
  const candidates: ImportCandidate[] = [];
  const firstRowOfId = new Map<string, number>();
  const missingColumns = (['name', 'nationalId', 'phone'] as const).filter((f) => !columns.has(f));
  for (const field of missingColumns)
    errors.push({ row: 1, field, message: IMPORT_ROW_MESSAGES.no_column[ctx.locale] });
  // Without these columns every row would repeat the same complaint; the header error says it once.
  if (missingColumns.length) return { candidates, errors };

  for (const { row, cells } of table.rows) {
    const rowErrors: ImportRowError[] = [];
    const fail = (field: string, code: Code) =>
      rowErrors.push({ row, field, message: IMPORT_ROW_MESSAGES[code][ctx.locale] });
    const get = (field: ImportField) => {
      const i = columns.get(field);
      return i === undefined ? '' : (cells[i] ?? '').normalize('NFC').trim();
    };
    // The same text rule as every field sent over HTTP (shared/src/schemas/text.ts).
    for (const field of TEXT_FIELDS) {
      const problem = textProblem(get(field), field === 'notes');
      if (problem)
        rowErrors.push({ row, field, message: fieldMessage(problem, ctx.locale, textParams(problem)) });
    }

    const name = get('name');
    if (!name) fail('name', 'required');
    const rawId = get('nationalId').replace(/\s/g, '').toUpperCase();
    if (!rawId) fail('nationalId', 'required');
    else if (/E\+/.test(rawId)) fail('nationalId', 'id_as_number');
    else if (!isValidNationalId(rawId)) fail('nationalId', 'bad_id');
    else if (checkIdentityDates(rawId, ctx.today).length) {
      rowErrors.push({ row, field: 'nationalId', message: NEED_RULE_MESSAGES.birth_in_future[ctx.locale] });
    } else if (firstRowOfId.has(rawId)) fail('nationalId', 'duplicate_in_file');
    else firstRowOfId.set(rawId, row);
    const phone = get('phone')
      .replace(/[\s-]/g, '')
      .replace(/^\+?86/, '');
    if (!phone) fail('phone', 'required');
    else if (!isValidMainlandMobile(phone)) fail('phone', 'bad_mobile');

    const mobilityText = get('mobility');
    const mobility = mobilityText ? pick(MOBILITY_WORDS, mobilityText) : 'walk';
    if (!mobility) fail('mobility', 'bad_mobility');
    const infectionText = get('infectionClass');
    const infectionClass = infectionText ? pick(INFECTION_WORDS, infectionText) : 'normal';
    if (!infectionClass) fail('infectionClass', 'bad_infection');
    const companionsText = get('companions');
    const companions = companionsText ? Number(companionsText) : 0;
    if (!Number.isInteger(companions) || companions < 0 || companions > 4)
      fail('companions', 'bad_companions');
    const hospitalText = get('regularHospital');
    const regularHospitalId = hospitalText ? (ctx.hospitals.get(hospitalText) ?? null) : null;
    if (hospitalText && !regularHospitalId) fail('regularHospital', 'unknown_hospital');
    const gateText = get('gate');
    const gateId = gateText ? (ctx.gates.get(gateText) ?? null) : ctx.defaultGateId;
    if (gateText && !gateId) fail('gate', 'unknown_gate');

    const need = parseNeed(get, fail, rawId, ctx, rowErrors, row);
    const prescriptionText = get('prescriptionItems');
    const prescription = prescriptionText ? parsePrescriptionItems(prescriptionText) : null;
    if (prescriptionText && !prescription) fail('prescriptionItems', 'bad_prescription');
    else if (prescription && prescription.length > MAX_ITEMS) fail('prescriptionItems', 'too_many_items');
    // The parcel is collected at the regular hospital's pharmacy.
    if (prescription && !regularHospitalId && !hospitalText)
      fail('regularHospital', 'prescription_needs_hospital');
    if (rowErrors.length === 0 && mobility && infectionClass) {
      candidates.push({
        row,
        name,
        nationalId: rawId,
        phone,
        building: get('building'),
        unit: get('unit'),
        room: get('room'),
        gateId,
        mobility,
        companions,
        infectionClass,
        regularHospitalId,
        notes: get('notes'),
        need,
        prescription,
      });
    }
    errors.push(...rowErrors);
  }
  return { candidates, errors };
}

function parseNeed(
  get: (field: ImportField) => string,
  fail: (field: string, code: Code) => void,
  nationalId: string,
  ctx: ParseContext,
  rowErrors: ImportRowError[],
  row: number,
): CareNeedInput | null {
  const kindText = get('needKind');
  if (!kindText) return null;
  const kind = pick(NEED_WORDS, kindText);
  if (!kind) {
    fail('needKind', 'bad_need_kind');
    return null;
  }
  const startText = get('startTime');
  const startTime = startText ? parseTime(startText) : null;
  if (startText && !startTime) fail('startTime', 'bad_time');
  const minutesText = get('sessionMinutes');
  const sessionMinutes = minutesText ? Number(minutesText) : undefined;
  if (
    sessionMinutes !== undefined &&
    (!Number.isInteger(sessionMinutes) || sessionMinutes < 30 || sessionMinutes > 600)
  ) {
    fail('sessionMinutes', 'bad_minutes');
  }
  const date = (field: ImportField) => {
    const text = get(field);
    if (!text) return undefined;
    const parsed = parseDate(text);
    if (!parsed) fail(field, 'bad_date');
    return parsed ?? undefined;
  };

  let schedule: Record<string, unknown>;
  switch (kind) {
    case 'dialysis': {
      const daysText = get('dialysisDays');
      const weekdays = daysText ? parseWeekdays(daysText) : null;
      if (!daysText) fail('dialysisDays', 'required');
      else if (!weekdays) fail('dialysisDays', 'bad_weekdays');
      if (!startText) fail('startTime', 'required');
      schedule = { weekdays, startTime, sessionMinutes };
      break;
    }
    case 'chemotherapy':
    case 'radiotherapy': {
      const datesText = get('treatmentDates');
      const dates = datesText
        ? datesText
            .split(/[\s,，、;；]+/)
            .filter(Boolean)
            .map(parseDate)
        : [];
      if (!datesText) fail('treatmentDates', 'required');
      else if (dates.some((d) => d === null)) fail('treatmentDates', 'bad_date');
      if (!startText) fail('startTime', 'required');
      schedule = { dates, startTime, sessionMinutes };
      break;
    }
    case 'pregnancy': {
      const dueDate = date('dueDate');
      if (!get('dueDate')) fail('dueDate', 'required');
      schedule = { dueDate, visits: [] };
      break;
    }
    case 'newborn':
      schedule = {
        birthDate:
          date('birthDate') ?? (isValidNationalId(nationalId) ? birthDateOfId(nationalId) : undefined),
        visits: [],
      };
      break;
    case 'chronic':
      schedule = {
        medicineDelivery: /^(是|y|yes|true|1|送药|需要)$/i.test(get('medicineDelivery')),
        visits: [],
      };
      break;
    case 'emergency':
      schedule = {};
      break;
    default:
      return exhaustive(kind, 'need');
  }
  const wayText = get('wayOfService');
  const serveBy = wayText ? pick(WAY_WORDS, wayText) : null;
  if (wayText && !serveBy) fail('wayOfService', 'bad_way');
  if (rowErrors.length) return null;
  const parsed = CareNeedInput.safeParse({ kind, schedule, serveBy });
  if (!parsed.success) {
    fail('needKind', 'bad_schedule');
    return null;
  }
  if (!isValidNationalId(nationalId)) return null;
  for (const issue of needWayIssues(parsed.data, ctx.today, '', ctx.locale))
    rowErrors.push({ row, field: 'wayOfService', message: issue.message });
  for (const issue of checkNeedDates(parsed.data, nationalId, ctx.today)) {
    rowErrors.push({
      row,
      field: fieldOfSchedulePath(issue.path),
      message: NEED_RULE_MESSAGES[issue.code][ctx.locale],
    });
  }
  return parsed.data;
}

function fieldOfSchedulePath(path: string): ImportField {
  if (path.startsWith('schedule.dueDate')) return 'dueDate';
  if (path.startsWith('schedule.birthDate')) return 'birthDate';
  if (path.startsWith('schedule.dates')) return 'treatmentDates';
  if (path.startsWith('kind')) return 'needKind';
  return 'needKind';
}

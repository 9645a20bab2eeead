import { fillPlaceholders } from './catalog.ts';
import type { Locale } from './errors.ts';

/**
 * Field messages of our own checks (zod refinements in `schemas/*.ts` and the server's own field
 * issues), in every language, under stable codes. A check emits its code — `fieldCheck(code)` in a
 * refinement puts it in the issue's `params.code`; a server-side issue sets `code` — and the server
 * writes the text in the request's language from this one dictionary, as zod's own messages are.
 * Placeholders are `{name}`.
 */
export const FIELD_MESSAGES = {
  national_id_invalid: {
    'zh-CN': '不是有效的 18 位居民身份证号码（校验码不符）',
    en: 'not a valid 18-character resident ID number (GB 11643 check failed)',
  },
  mobile_invalid: {
    'zh-CN': '不是有效的大陆手机号码（11 位数字，以 13–19 开头）',
    en: 'not a mainland mobile number (11 digits starting 13–19)',
  },
  time_hhmm: { 'zh-CN': '应为 24 小时制时间 HH:MM', en: 'must be a 24-hour time HH:MM' },
  already_registered: {
    'zh-CN': '该身份证号已登记',
    en: 'a patient with this national ID is already registered',
  },
  weekdays_repeat: { 'zh-CN': '星期有重复', en: 'weekdays repeat' },
  duplicate: { 'zh-CN': '有重复项', en: 'lists an item twice' },
  must_be_after: { 'zh-CN': '必须晚于 {other}', en: 'must be after {other}' },
  slot_overlaps: { 'zh-CN': '与 slots.{other} 时间重叠', en: 'overlaps slots.{other}' },
  exactly_one_of: { 'zh-CN': '{a} 与 {b} 须且只须填写一个', en: 'give exactly one of {a} and {b}' },
  both_or_neither: { 'zh-CN': '{a} 与 {b} 须同时填写或同时不填', en: 'give both {a} and {b} or neither' },
  appointment_passed: {
    'zh-CN': '预约时间已过，车辆已无法按时送达',
    en: 'the appointment has already passed; no vehicle can bring the patient in time',
  },
  way_needs_treatment_on_site: {
    'zh-CN': '透析、放化疗须到医院治疗，只能安排往返接送',
    en: 'dialysis and chemo- or radiotherapy are given at the hospital: only a round trip serves them',
  },
  way_emergency_on_site: {
    'zh-CN': '急诊须送医，只能安排往返接送',
    en: 'an emergency goes to the hospital: only a round trip serves it',
  },
  way_term_pregnancy: {
    'zh-CN': '孕 37 周及以后须到医院产检，不能线上复诊',
    en: 'from week 37 of pregnancy check-ups are at the hospital: no online visit',
  },
  way_delivery_chronic_only: {
    'zh-CN': '只有慢性病可以只送药上门',
    en: 'only a chronic disease can be served by medicine delivery alone',
  },
  date_in_past: { 'zh-CN': '日期已过', en: 'lies in the past' },
  delivery_window_passed: {
    'zh-CN': '今天的送达时段已过，请改为明天',
    en: 'today’s hand-over hours are over; deliver tomorrow',
  },
  patient_not_active: {
    'zh-CN': '该患者尚未核实或已归档',
    en: 'the patient is not verified or is archived',
  },
  not_your_hospital: { 'zh-CN': '只能为本院开具', en: 'must be your own hospital' },
  not_a_gate_of_compound: { 'zh-CN': '不是该小区的大门', en: 'is not a gate of this compound' },
  not_a_vehicle_of_district: { 'zh-CN': '不是本区的车辆', en: 'is not a vehicle of this district' },
  import_no_rows: { 'zh-CN': '文件中没有表头或数据行', en: 'has no data rows under a header row' },
  import_too_many_rows: {
    'zh-CN': '超过 {max} 行，请分批导入',
    en: 'has more than {max} rows; split it into several files',
  },
  import_workbook_as_csv: {
    'zh-CN': '这是 Excel 工作簿，却以 .csv 命名；请以 .xlsx 上传',
    en: 'is an Excel workbook named .csv; upload it as .xlsx',
  },
  import_not_text_csv: { 'zh-CN': '不是文本格式的 CSV 文件', en: 'is not a text CSV file' },
  import_bad_csv: { 'zh-CN': 'CSV 格式有误（{reason}）', en: 'is not valid CSV ({reason})' },
  import_not_xlsx: {
    'zh-CN': '不是 .xlsx 文件（旧版 .xls？），请在 Excel 中另存为 .xlsx',
    en: 'is not an .xlsx workbook (an old .xls?); save it as .xlsx in Excel',
  },
  import_damaged_xlsx: { 'zh-CN': '.xlsx 文件已损坏，无法读取', en: 'is a damaged .xlsx workbook' },
  import_no_worksheet: { 'zh-CN': '工作簿中没有工作表', en: 'has no worksheet' },
  password_wrong: { 'zh-CN': '当前密码不正确', en: 'is not your current password' },
  username_taken: { 'zh-CN': '该用户名已被使用', en: 'is already taken' },
  password_unchanged: { 'zh-CN': '新密码不能与当前密码相同', en: 'must differ from the current password' },
  scope_required: { 'zh-CN': '{role} 账号必须填写', en: 'is required for a {role} account' },
  scope_not_for_role: { 'zh-CN': '{role} 账号不适用此项', en: 'does not apply to a {role} account' },
  scope_unknown: { 'zh-CN': '不存在', en: 'does not exist' },
  scope_outside_yours: { 'zh-CN': '不在您负责的区域内', en: 'is outside your districts' },
  text_control_character: {
    'zh-CN': '含有不允许的控制字符（如 NUL）',
    en: 'contains a control character (such as NUL) that is not allowed',
  },
  text_line_break: {
    'zh-CN': '只能填写一行，不能含换行或制表符',
    en: 'must be one line, without line breaks or tabs',
  },
  text_not_unicode: { 'zh-CN': '不是有效的 Unicode 文本', en: 'is not well-formed Unicode text' },
  text_too_long: { 'zh-CN': '超过 {max} 个字符', en: 'is longer than {max} characters' },
  text_bad_encoding: { 'zh-CN': '不是有效的 URL 编码', en: 'is not valid percent-encoding' },
  text_too_deep: { 'zh-CN': '嵌套层级过深', en: 'is nested too deeply' },
  no_online_slot: {
    'zh-CN': '该医院此时没有该科室的在线复诊号源',
    en: 'the hospital holds no online clinic of this service at that time',
  },
  visit_too_soon: {
    'zh-CN': '离现在太近，至少须提前 {minutes} 分钟，以便通知家属',
    en: 'is too soon: at least {minutes} minutes ahead, so the family can be told',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type FieldMessageCode = keyof typeof FIELD_MESSAGES;
export type FieldMessageParams = Record<string, string | number>;

export function isFieldMessageCode(value: unknown): value is FieldMessageCode {
  return typeof value === 'string' && Object.hasOwn(FIELD_MESSAGES, value);
}

/** The message of `code` in `locale`, placeholders filled from `params`. */
export function fieldMessage(
  code: FieldMessageCode,
  locale: Locale,
  params: FieldMessageParams = {},
): string {
  return fillPlaceholders(FIELD_MESSAGES[code][locale], params);
}

/**
 * The options of a refinement or `ctx.addIssue` that emits a coded message: English text for
 * parsers that do not translate (the web's forms), and `params.code` for the server to translate.
 */
export function fieldCheck(
  code: FieldMessageCode,
  params: FieldMessageParams = {},
): { message: string; params: FieldMessageParams & { code: FieldMessageCode } } {
  return { message: fieldMessage(code, 'en', params), params: { ...params, code } };
}

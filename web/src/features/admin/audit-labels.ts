import type { Locale } from '@lastmeter/shared';

/**
 * The one catalogue that turns audit codes into words: actions (written by server/src/domain/**, e.g.
 * `leg.depart`, `gate_schedule.read`, or a policy verb such as `read`), record kinds and detail fields.
 * A code missing here still reads as words (see `humanize`), so a new action never breaks the page.
 */
type Catalogue = Record<string, Record<Locale, string>>;

const ACTIONS: Catalogue = {
  read: { 'zh-CN': '查看', en: 'Viewed' },
  write: { 'zh-CN': '修改', en: 'Changed' },
  verify: { 'zh-CN': '核验', en: 'Verified' },
  manage: { 'zh-CN': '管理', en: 'Managed' },
  list: { 'zh-CN': '查看列表', en: 'Listed' },
  create: { 'zh-CN': '新建', en: 'Created' },
  update: { 'zh-CN': '修改', en: 'Updated' },
  archive: { 'zh-CN': '归档', en: 'Archived' },
  register: { 'zh-CN': '登记', en: 'Registered' },
  self_register: { 'zh-CN': '居民自行登记', en: 'Self-registered' },
  import: { 'zh-CN': '导入', en: 'Imported' },
  import_dry_run: { 'zh-CN': '导入预检', en: 'Checked an import' },
  reveal_identity: { 'zh-CN': '查看完整身份', en: 'Revealed identity' },
  add_need: { 'zh-CN': '添加就医需求', en: 'Added a medical need' },
  update_need: { 'zh-CN': '修改就医需求', en: 'Updated a medical need' },
  deactivate_need: { 'zh-CN': '停用就医需求', en: 'Deactivated a medical need' },
  create_request: { 'zh-CN': '创建就医申请', en: 'Created a request' },
  list_requests: { 'zh-CN': '查看就医申请', en: 'Listed requests' },
  generate_requests: { 'zh-CN': '生成就医申请', en: 'Generated requests' },
  create_trip: { 'zh-CN': '创建行程', en: 'Created a trip' },
  choose_way: { 'zh-CN': '更改服务方式', en: 'Chose the way of service' },
  book_online_visit: { 'zh-CN': '预约线上复诊', en: 'Booked an online visit' },
  list_online_visits: { 'zh-CN': '查看线上复诊', en: 'Listed online visits' },
  read_online_visit: { 'zh-CN': '查看线上复诊', en: 'Viewed an online visit' },
  start_online_visit: { 'zh-CN': '开始线上复诊', en: 'Started an online visit' },
  record_visit_outcome: { 'zh-CN': '记录复诊结果', en: 'Recorded a visit outcome' },
  read_overview: { 'zh-CN': '查看概览', en: 'Viewed the overview' },
  change_password: { 'zh-CN': '修改密码', en: 'Changed the password' },
  reset_password: { 'zh-CN': '重置密码', en: 'Reset the password' },
  retire: { 'zh-CN': '停用', en: 'Retired' },
  'leg.read': { 'zh-CN': '查看行程段', en: 'Viewed a leg' },
  'leg.write': { 'zh-CN': '操作行程段', en: 'Acted on a leg' },
  'leg.depart': { 'zh-CN': '司机出发', en: 'Driver set off' },
  'leg.reach_pickup': { 'zh-CN': '到达接人点', en: 'Reached the pickup' },
  'leg.board': { 'zh-CN': '患者上车', en: 'Patient boarded' },
  'leg.out': { 'zh-CN': '放行出门', en: 'Let out of the gate' },
  'leg.arrive': { 'zh-CN': '到达目的地', en: 'Arrived' },
  'leg.confirm_arrival': { 'zh-CN': '医院确认到达', en: 'Hospital confirmed arrival' },
  'leg.back': { 'zh-CN': '返回小区', en: 'Back at the compound' },
  'leg.no_show': { 'zh-CN': '患者未到', en: 'Patient did not show' },
  'leg.refuse_at_gate': { 'zh-CN': '门岗拒绝放行', en: 'Refused at the gate' },
  'leg.refused_at_gate': { 'zh-CN': '门岗拒绝放行', en: 'Refused at the gate' },
  'leg.resume': { 'zh-CN': '恢复行程', en: 'Resumed' },
  'leg.decline': { 'zh-CN': '医院拒收', en: 'Hospital declined' },
  'leg.release': { 'zh-CN': '释放行程段', en: 'Released a leg' },
  'leg.override': { 'zh-CN': '人工处理', en: 'Overridden by hand' },
  'gate_schedule.read': { 'zh-CN': '查看门岗日程', en: 'Viewed the gate schedule' },
  'district_legs.read': { 'zh-CN': '查看辖区行程', en: "Viewed the district's legs" },
  'arrivals.read': { 'zh-CN': '查看预计到达', en: 'Viewed expected arrivals' },
  'audit_names.read': {
    'zh-CN': '在审计日志中查看患者（已遮盖）',
    en: 'Viewed patients in the audit log (masked)',
  },
  'return_pickups.read': { 'zh-CN': '查看返程接车', en: 'Viewed return pickups' },
  'notices.read': { 'zh-CN': '查看通知', en: 'Viewed notices' },
  'notice_settings.update': { 'zh-CN': '修改通知设置', en: 'Changed notice settings' },
  'tracking_link.created': { 'zh-CN': '生成行程链接', en: 'Created a tracking link' },
  'tracking_link.viewed': { 'zh-CN': '打开行程链接', en: 'Opened a tracking link' },
  'complaint.created': { 'zh-CN': '提交投诉', en: 'Filed a complaint' },
};

const ENTITIES: Catalogue = {
  patient: { 'zh-CN': '患者', en: 'Patient' },
  account: { 'zh-CN': '账号', en: 'Account' },
  audit_log: { 'zh-CN': '审计日志', en: 'Audit log' },
  compound: { 'zh-CN': '小区', en: 'Compound' },
  district: { 'zh-CN': '辖区', en: 'District' },
  request: { 'zh-CN': '就医申请', en: 'Request' },
  online_visit: { 'zh-CN': '线上复诊', en: 'Online visit' },
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  vehicle: { 'zh-CN': '车辆', en: 'Vehicle' },
  trip: { 'zh-CN': '行程', en: 'Trip' },
};

/** The record kinds the filter offers, in the catalogue's order. */
export const AUDIT_ENTITIES: readonly string[] = Object.keys(ENTITIES);

const FIELDS: Catalogue = {
  legId: { 'zh-CN': '行程段', en: 'Leg' },
  legIds: { 'zh-CN': '行程段', en: 'Legs' },
  legs: { 'zh-CN': '行程段数', en: 'Legs' },
  tripId: { 'zh-CN': '行程', en: 'Trip' },
  requestId: { 'zh-CN': '就医申请', en: 'Request' },
  compoundId: { 'zh-CN': '小区', en: 'Compound' },
  districtId: { 'zh-CN': '辖区', en: 'District' },
  hospitalId: { 'zh-CN': '医院', en: 'Hospital' },
  hospitalName: { 'zh-CN': '医院名称', en: 'Hospital' },
  gateId: { 'zh-CN': '出入口', en: 'Gate' },
  incidentId: { 'zh-CN': '异常', en: 'Incident' },
  complaintId: { 'zh-CN': '投诉', en: 'Complaint' },
  needId: { 'zh-CN': '就医需求', en: 'Medical need' },
  patientIds: { 'zh-CN': '患者', en: 'Patients' },
  date: { 'zh-CN': '日期', en: 'Date' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  note: { 'zh-CN': '备注', en: 'Note' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  needs: { 'zh-CN': '就医需求', en: 'Needs' },
  fields: { 'zh-CN': '字段', en: 'Fields' },
  count: { 'zh-CN': '数量', en: 'Count' },
  created: { 'zh-CN': '新建数', en: 'Created' },
  rows: { 'zh-CN': '行数', en: 'Rows' },
  row: { 'zh-CN': '行', en: 'Row' },
  errors: { 'zh-CN': '错误数', en: 'Errors' },
  fileName: { 'zh-CN': '文件名', en: 'File' },
  query: { 'zh-CN': '搜索', en: 'Search' },
  by: { 'zh-CN': '按', en: 'By' },
  term: { 'zh-CN': '搜索词（已遮盖）', en: 'Term (masked)' },
  urgency: { 'zh-CN': '紧急程度', en: 'Urgency' },
  service: { 'zh-CN': '科室', en: 'Service' },
  action: { 'zh-CN': '处理', en: 'Action' },
  forbiddenGround: { 'zh-CN': '禁止的理由', en: 'Forbidden ground' },
  sessionsRevoked: { 'zh-CN': '注销的会话', en: 'Sessions revoked' },
  before: { 'zh-CN': '修改前', en: 'Before' },
  after: { 'zh-CN': '修改后', en: 'After' },
  name: { 'zh-CN': '名称', en: 'Name' },
  plate: { 'zh-CN': '车牌号', en: 'Plate' },
  services: { 'zh-CN': '接诊科室', en: 'Services' },
  acceptsPositive: { 'zh-CN': '接收阳性患者', en: 'Takes positive patients' },
  location: { 'zh-CN': '位置', en: 'Location' },
  entrance: { 'zh-CN': '接送入口', en: 'Entrance' },
  base: { 'zh-CN': '驻点', en: 'Base' },
  lng: { 'zh-CN': '经度', en: 'Longitude' },
  lat: { 'zh-CN': '纬度', en: 'Latitude' },
  seats: { 'zh-CN': '座位', en: 'Seats' },
  wheelchairPlaces: { 'zh-CN': '轮椅位', en: 'Wheelchair places' },
  stretchers: { 'zh-CN': '担架位', en: 'Stretchers' },
  status: { 'zh-CN': '状态', en: 'Status' },
  driverRemoved: { 'zh-CN': '解除绑定的司机', en: 'Driver taken off' },
};

/** `gate_schedule.read` → "gate schedule read": a code not in the catalogue still reads as words. */
function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : code;
}

function label(catalogue: Catalogue, code: string, locale: Locale): string {
  return Object.hasOwn(catalogue, code) ? (catalogue[code]?.[locale] ?? humanize(code)) : humanize(code);
}

export const auditActionLabel = (code: string, locale: Locale) => label(ACTIONS, code, locale);
export const auditEntityLabel = (code: string, locale: Locale) => label(ENTITIES, code, locale);
export const auditFieldLabel = (code: string, locale: Locale) => label(FIELDS, code, locale);

/**
 * A detail value as text: lists joined, nested records as `label: value` pairs, a record's id as its
 * name when the server named it (`names`), else shortened.
 */
export function auditValue(
  value: unknown,
  locale: Locale,
  names: Readonly<Record<string, string>> = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value))
    return value.map((v) => auditValue(v, locale, names)).join(locale === 'en' ? ', ' : '、');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditFieldLabel(k, locale)}: ${auditValue(v, locale, names)}`)
      .join('; ');
  if (typeof value === 'boolean') return locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  const text = String(value);
  if (Object.hasOwn(names, text)) return names[text] ?? text;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(text) ? text.slice(0, 8) : text;
}

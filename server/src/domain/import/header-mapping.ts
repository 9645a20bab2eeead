import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '@lastmeter/shared';
import { errors } from '../../errors.ts';

/** Headers communities actually use, per field (normalised: no spaces or bracketed hints, lower case). */
const SYNONYMS: Record<ImportField, string[]> = {
  name: ['姓名', '患者姓名', '病人姓名', '名字', 'name'],
  nationalId: ['身份证号', '身份证', '身份证号码', '证件号码', '证件号', 'nationalid', 'idnumber'],
  phone: ['手机号', '手机', '手机号码', '联系电话', '电话', '联系方式', 'mobile', 'phone'],
  building: ['楼栋', '楼号', '栋', '楼', '幢', 'building'],
  unit: ['单元', '单元号', 'unit'],
  room: ['房号', '室', '房间号', '门牌号', 'room'],
  gate: ['出入口', '大门', '小区门', '门岗', 'gate'],
  needKind: ['需求类型', '就医需求', '需求', '类型', '病种', 'need', 'needkind'],
  dialysisDays: ['透析日', '透析日期', '透析周期', '透析安排', 'dialysisdays', 'weekdays'],
  startTime: ['透析时间', '开始时间', '治疗时间', '预约时间', '时间', 'starttime'],
  sessionMinutes: ['时长', '治疗时长', '透析时长', 'sessionminutes'],
  mobility: ['行动能力', '行动', '行动方式', '出行方式', 'mobility'],
  companions: ['陪同人数', '陪同', '陪护人数', 'companions'],
  infectionClass: ['感染类别', '感染情况', '风险类别', '人员类别', 'infectionclass'],
  regularHospital: ['常去医院', '就诊医院', '定点医院', '医院', 'regularhospital', 'hospital'],
  dueDate: ['预产期', 'duedate'],
  treatmentDates: ['化疗日期', '放疗日期', '治疗日期', 'treatmentdates'],
  birthDate: ['出生日期', '出生日', 'birthdate'],
  medicineDelivery: ['送药上门', '送药', 'medicinedelivery'],
  wayOfService: ['服务方式', '就医方式', '诊疗方式', 'wayofservice', 'serveby'],
  prescriptionItems: [
    '处方',
    '处方药品',
    '处方药',
    '药品',
    '药品清单',
    '用药',
    'prescription',
    'prescriptionitems',
    'medicines',
  ],
  notes: ['备注', '说明', 'notes'],
};

const LOOKUP = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => SYNONYMS[field].map((s) => [s, field] as const)),
);

export function normaliseHeader(header: string): string {
  return header
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/[\s_\-*:：]/g, '')
    .toLowerCase();
}

/** The automatic mapping, then the client's overrides on top; every header is in the result. */
export function resolveMapping(headers: string[], override: ImportMapping | undefined): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<ImportField>();
  for (const header of headers) {
    const field = LOOKUP.get(normaliseHeader(header)) ?? null;
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  if (!override) return mapping;
  for (const [header, field] of Object.entries(override)) {
    if (!(header in mapping)) throw errors.field(`mapping.${header}`, 'is not a column of the file');
    mapping[header] = field;
  }
  const seen = new Map<ImportField, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!field) continue;
    const other = seen.get(field);
    if (other !== undefined) throw errors.field(`mapping.${header}`, `maps to ${field} like column ${other}`);
    seen.set(field, header);
  }
  return mapping;
}

import type { CrowdingLevel, HospitalStatus, Service } from '@lastmeter/shared';

/**
 * Real places of Shanghai 徐汇区 for the demo city. Coordinates are WGS84 [lng, lat], placed by hand from
 * public maps to within a few hundred metres: close enough that distances and the map look right, not a
 * survey. Compounds are at least ~500 m apart so their generated boundaries never overlap.
 */

export const XUHUI = {
  code: '310104',
  name: '徐汇区',
  city: '上海市',
  center: [121.4365, 31.1885] as [number, number],
} as const;

export interface CompoundSite {
  name: string;
  /** 街道 / 镇 the compound belongs to, part of its address. */
  street: string;
  road: string;
  lng: number;
  lat: number;
}

export const COMPOUND_SITES: readonly CompoundSite[] = [
  { name: '田林十二村', street: '田林街道', road: '田林路', lng: 121.4275, lat: 31.176 },
  { name: '田林十四村', street: '田林街道', road: '钦州路', lng: 121.4225, lat: 31.1735 },
  { name: '田林八村', street: '田林街道', road: '柳州路', lng: 121.4335, lat: 31.172 },
  { name: '康健新村', street: '康健新村街道', road: '康健路', lng: 121.419, lat: 31.1635 },
  { name: '梅陇三村', street: '凌云路街道', road: '梅陇路', lng: 121.43, lat: 31.1535 },
  { name: '梅陇十村', street: '凌云路街道', road: '老沪闵路', lng: 121.425, lat: 31.15 },
  { name: '罗秀新村', street: '长桥街道', road: '罗秀路', lng: 121.4375, lat: 31.1575 },
  { name: '长桥新村', street: '长桥街道', road: '龙川北路', lng: 121.442, lat: 31.1425 },
  { name: '长桥二村', street: '长桥街道', road: '长桥路', lng: 121.438, lat: 31.1455 },
  { name: '华泾绿苑', street: '华泾镇', road: '华泾路', lng: 121.453, lat: 31.129 },
  { name: '盛华景苑', street: '华泾镇', road: '华发路', lng: 121.4575, lat: 31.1335 },
  { name: '龙华小区', street: '龙华街道', road: '龙华西路', lng: 121.449, lat: 31.175 },
  { name: '漕溪新村', street: '漕河泾街道', road: '漕溪路', lng: 121.438, lat: 31.179 },
  { name: '虹梅小区', street: '虹梅路街道', road: '虹梅路', lng: 121.412, lat: 31.169 },
  { name: '天钥新村', street: '天平路街道', road: '天钥桥路', lng: 121.4425, lat: 31.188 },
  { name: '乐山新村', street: '徐家汇街道', road: '乐山路', lng: 121.432, lat: 31.193 },
  { name: '宛南新村', street: '枫林路街道', road: '宛平南路', lng: 121.447, lat: 31.1835 },
  { name: '东安三村', street: '枫林路街道', road: '东安路', lng: 121.456, lat: 31.189 },
  { name: '日晖新村', street: '斜土路街道', road: '斜土路', lng: 121.461, lat: 31.1985 },
  { name: '永嘉新村', street: '湖南路街道', road: '永嘉路', lng: 121.448, lat: 31.207 },
];

/** The 封控区: gatekeeper1's compounds, with the heaviest dialysis load — the hardest case of a lockdown (docs/product.md). */
export const SEALED_COMPOUNDS = ['田林十二村', '田林十四村', '田林八村'] as const;
export const CONTROLLED_COMPOUNDS = ['康健新村', '梅陇三村', '梅陇十村', '罗秀新村'] as const;
export const GATEKEEPER1_COMPOUNDS = ['田林十二村', '田林十四村'] as const;
export const GATEKEEPER2_COMPOUNDS = ['康健新村', '梅陇三村'] as const;

export interface ServiceSpec {
  service: Service;
  /** ISO weekdays, 1 = Monday. */
  weekdays: readonly number[];
  slots: readonly (readonly [start: string, end: string])[];
  /** Patients per slot: dialysis stations per shift, oncology chairs per day, … */
  capacity: number;
}

export interface HospitalSite {
  name: string;
  address: string;
  phone: string;
  lng: number;
  lat: number;
  /** Where the main gate is, seen from the hospital point: bearing in degrees and distance in metres. */
  entrance: { bearing: number; metres: number };
  acceptsPositive: boolean;
  crowding: CrowdingLevel;
  status: HospitalStatus;
  services: readonly ServiceSpec[];
  /** Online-visit clinics (互联网医院): places per slot for online follow-up visits. */
  online?: readonly ServiceSpec[];
}

/** Haemodialysis runs in three 4-hour shifts, Monday to Saturday; patients come three times a week. */
export const DIALYSIS_SHIFTS = [
  ['07:00', '11:00'],
  ['11:30', '15:30'],
  ['16:00', '20:00'],
] as const;

const MON_SAT = [1, 2, 3, 4, 5, 6] as const;
const MON_FRI = [1, 2, 3, 4, 5] as const;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_SLOT = [['08:00', '17:00']] as const;
const CLINIC_SLOTS = [
  ['08:00', '12:00'],
  ['13:00', '17:00'],
] as const;
// 23:59 rather than 24:00: every consumer can parse it as a time of day, and the lost minute is moot.
const ALL_DAY = [['00:00', '23:59']] as const;

const dialysis = (stations: number): ServiceSpec => ({
  service: 'dialysis',
  weekdays: MON_SAT,
  slots: DIALYSIS_SHIFTS,
  capacity: stations,
});
const oncology = (chairs: number, weekdays: readonly number[] = MON_FRI): ServiceSpec => ({
  service: 'oncology',
  weekdays,
  slots: DAY_SLOT,
  capacity: chairs,
});
const emergency = (perDay: number): ServiceSpec => ({
  service: 'emergency',
  weekdays: EVERY_DAY,
  slots: ALL_DAY,
  capacity: perDay,
});
/** Internet-hospital clinics run an evening session too, every day. */
const ONLINE_SLOTS = [
  ['08:00', '12:00'],
  ['13:00', '17:00'],
  ['18:00', '21:00'],
] as const;
const online = (service: Service, perSession: number): ServiceSpec => ({
  service,
  weekdays: EVERY_DAY,
  slots: ONLINE_SLOTS,
  capacity: perSession,
});
const general = (perHalfDay: number): ServiceSpec => ({
  service: 'general',
  weekdays: MON_SAT,
  slots: CLINIC_SLOTS,
  capacity: perHalfDay,
});

export const HOSPITAL_SITES: readonly HospitalSite[] = [
  {
    name: '复旦大学附属中山医院',
    address: '上海市徐汇区枫林路180号',
    phone: '021-64041990',
    lng: 121.4526,
    lat: 31.1963,
    entrance: { bearing: 270, metres: 45 },
    acceptsPositive: true,
    crowding: 'high',
    status: 'open',
    services: [dialysis(40), oncology(30), emergency(40), general(60)],
    online: [online('general', 16)],
  },
  {
    name: '上海市第六人民医院',
    address: '上海市徐汇区宜山路600号',
    phone: '021-64369181',
    lng: 121.4283,
    lat: 31.1797,
    entrance: { bearing: 180, metres: 40 },
    acceptsPositive: false,
    crowding: 'medium',
    status: 'open',
    services: [dialysis(30), oncology(12), emergency(30), general(50)],
    online: [online('general', 12)],
  },
  {
    name: '复旦大学附属肿瘤医院',
    address: '上海市徐汇区东安路270号',
    phone: '021-64175590',
    lng: 121.4549,
    lat: 31.1903,
    entrance: { bearing: 270, metres: 35 },
    acceptsPositive: false,
    crowding: 'medium',
    status: 'open',
    // Radiotherapy runs on Saturdays too, so a course is not interrupted for a day off.
    services: [oncology(60, MON_SAT), general(20)],
  },
  {
    name: '中国福利会国际和平妇幼保健院',
    address: '上海市徐汇区衡山路910号',
    phone: '021-64070434',
    lng: 121.4383,
    lat: 31.1976,
    entrance: { bearing: 0, metres: 30 },
    acceptsPositive: false,
    crowding: 'medium',
    status: 'open',
    services: [
      { service: 'obstetrics', weekdays: MON_SAT, slots: CLINIC_SLOTS, capacity: 30 },
      { service: 'neonatal', weekdays: MON_SAT, slots: DAY_SLOT, capacity: 15 },
      emergency(20),
    ],
    online: [online('obstetrics', 12), online('neonatal', 6)],
  },
  {
    name: '上海市第八人民医院',
    address: '上海市徐汇区漕宝路8号',
    phone: '021-34284588',
    lng: 121.4356,
    lat: 31.1703,
    entrance: { bearing: 0, metres: 40 },
    // The district's designated hospital in spring 2022: isolation wards, dialysis and delivery for positives.
    acceptsPositive: true,
    crowding: 'high',
    status: 'open',
    services: [
      dialysis(24),
      { service: 'obstetrics', weekdays: EVERY_DAY, slots: ALL_DAY, capacity: 8 },
      emergency(30),
      general(30),
    ],
    online: [online('general', 8), online('obstetrics', 4)],
  },
  {
    name: '上海市徐汇区中心医院',
    address: '上海市徐汇区淮海中路966号',
    phone: '021-31270810',
    lng: 121.4497,
    lat: 31.2145,
    entrance: { bearing: 180, metres: 30 },
    acceptsPositive: false,
    crowding: 'full',
    // Diverting: the planner must route even its regular patients elsewhere.
    status: 'diverting',
    services: [dialysis(20), emergency(20), general(30)],
  },
  {
    name: '上海中医药大学附属龙华医院',
    address: '上海市徐汇区宛平南路725号',
    phone: '021-64385700',
    lng: 121.4456,
    lat: 31.1795,
    entrance: { bearing: 270, metres: 50 },
    acceptsPositive: false,
    crowding: 'low',
    status: 'open',
    services: [dialysis(24), oncology(20), emergency(20), general(40)],
    online: [online('general', 12)],
  },
  {
    name: '复旦大学附属儿科医院',
    address: '上海市闵行区万源路399号',
    phone: '021-64931990',
    lng: 121.4033,
    lat: 31.1418,
    entrance: { bearing: 90, metres: 45 },
    acceptsPositive: false,
    crowding: 'low',
    status: 'open',
    services: [
      { service: 'neonatal', weekdays: MON_SAT, slots: CLINIC_SLOTS, capacity: 25 },
      emergency(30),
      general(30),
    ],
  },
];

/** 120 stations and requisition depots: where vehicles wait between jobs. */
export const AMBULANCE_BASES: readonly (readonly [number, number])[] = [
  [121.4535, 31.1952],
  [121.4292, 31.1806],
  [121.436, 31.1712],
  [121.4495, 31.2128],
  [121.4462, 31.1798],
  [121.455, 31.131],
  [121.4175, 31.166],
  [121.441, 31.147],
];
export const TAXI_DEPOTS: readonly (readonly [number, number])[] = [
  [121.433, 31.185],
  [121.426, 31.168],
];
/** Street offices (街道办) whose community vans were requisitioned. */
export const STREET_OFFICES: readonly (readonly [number, number])[] = [
  [121.429, 31.1745],
  [121.4205, 31.161],
  [121.4315, 31.155],
  [121.4425, 31.1445],
  [121.452, 31.1335],
];

/** Common surnames, the ones frequent in Shanghai listed twice so they come up more often. */
export const SURNAMES = [
  ...['王', '张', '陈', '李', '徐', '朱', '周', '沈', '陆', '顾'],
  ...['王', '张', '陈', '李', '徐', '朱', '周', '沈', '陆', '顾'],
  ...['吴', '杨', '黄', '刘', '钱', '孙', '胡', '金', '蒋', '俞', '倪', '汤', '施', '唐', '赵'],
  ...['姚', '严', '曹', '龚', '范', '许', '毛', '葛', '邵', '丁', '潘', '何', '秦', '戴', '郁'],
] as const;

/** Given names by the era they were popular in: a 1945-born patient is not called 梓萱. */
export const GIVEN_NAMES = {
  before1961: {
    male: [
      '建国',
      '国强',
      '根宝',
      '德明',
      '福林',
      '志刚',
      '金龙',
      '永康',
      '伟民',
      '荣生',
      '国平',
      '振华',
      '耀宗',
      '桂生',
    ],
    female: [
      '秀英',
      '桂英',
      '美娟',
      '凤珍',
      '玉兰',
      '金妹',
      '素珍',
      '雅芬',
      '月华',
      '慧珍',
      '彩凤',
      '菊芳',
      '阿娣',
    ],
  },
  before1986: {
    male: [
      '伟',
      '勇',
      '军',
      '建平',
      '海峰',
      '卫东',
      '晓东',
      '振宇',
      '立新',
      '宏伟',
      '斌',
      '俊杰',
      '志强',
      '文斌',
    ],
    female: ['丽华', '敏', '静', '红梅', '燕', '丽娟', '海燕', '晓红', '美玲', '琳', '雪芬', '春燕', '卫红'],
  },
  before2006: {
    male: ['浩', '磊', '俊', '思远', '嘉诚', '天翼', '子豪', '晨', '文杰', '宇航', '一鸣', '逸飞'],
    female: ['婷婷', '佳怡', '诗琪', '雯', '倩', '晓雯', '欣然', '怡', '梦婷', '思佳', '颖', '佳琪'],
  },
  since2006: {
    male: ['浩宇', '沐宸', '宇轩', '奕辰', '梓睿', '子墨', '一诺', '俊熙', '瑞霖', '思源'],
    female: ['梓萱', '若汐', '欣怡', '诗涵', '语桐', '子涵', '可馨', '一诺', '芷若', '雨桐'],
  },
} as const;

/** Mobile prefixes in use on the three networks. */
export const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155'],
  ...['156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187'],
  ...['188', '189', '191', '193', '199'],
] as const;

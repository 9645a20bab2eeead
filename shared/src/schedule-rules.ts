import { fillPlaceholders } from './catalog.ts';
import type { Locale } from './errors.ts';

/**
 * The rules every change to a vehicle's schedule must keep (docs/product.md rules 1–5), as one closed set
 * of codes: the server's schedule gate refuses a change naming one of them (409 `schedule_rule`), and
 * the web translates it by code.
 */
export const SCHEDULE_RULES = [
  'vehicle_kind',
  'ambulance_no_delivery',
  'capacity_seats',
  'capacity_wheelchair',
  'capacity_stretcher',
  'infection_mix',
  'medicine_with_infection',
  'one_patient',
  'disinfection_gap',
  'in_the_past',
  'travel_time',
  'time_window',
  'ride_time',
  'ambulance_reserve',
] as const;
export type ScheduleRule = (typeof SCHEDULE_RULES)[number];

/**
 * Rules a dispatcher may override with an explicit reason (audited): a window, a ride or travel
 * estimate, and keeping 120 ambulances free for emergencies. Capacity, vehicle kind, infection
 * separation, disinfection and the clock are never overridden.
 */
export const SOFT_SCHEDULE_RULES = ['time_window', 'ride_time', 'travel_time', 'ambulance_reserve'] as const;
export type SoftScheduleRule = (typeof SOFT_SCHEDULE_RULES)[number];

export function isSoftScheduleRule(rule: ScheduleRule): rule is SoftScheduleRule {
  return (SOFT_SCHEDULE_RULES as readonly string[]).includes(rule);
}

/** `{vehicle}` is the vehicle's plate, `{legs}` the legs in the way; other placeholders per rule. */
export const SCHEDULE_RULE_MESSAGES: Record<ScheduleRule, Record<Locale, string>> = {
  vehicle_kind: {
    'zh-CN': '急诊和担架患者只能由 120 救护车运送；{vehicle} 不是救护车（行程 {legs}）',
    en: 'Emergencies and stretcher patients go by 120 ambulance; {vehicle} is not one (legs {legs})',
  },
  ambulance_no_delivery: {
    'zh-CN': '120 救护车不承担药品配送：{vehicle}（配送 {legs}）',
    en: '120 ambulances do not take medicine deliveries: {vehicle} (deliveries {legs})',
  },
  capacity_seats: {
    'zh-CN': '{vehicle} 座位不足：同时在车 {load} 人，只有 {capacity} 个座位（行程 {legs}）',
    en: '{vehicle} has too few seats: {load} aboard at once, {capacity} seats (legs {legs})',
  },
  capacity_wheelchair: {
    'zh-CN': '{vehicle} 轮椅位不足：需要 {load} 个，只有 {capacity} 个（行程 {legs}）',
    en: '{vehicle} has too few wheelchair places: {load} needed, {capacity} available (legs {legs})',
  },
  capacity_stretcher: {
    'zh-CN': '{vehicle} 担架不足：需要 {load} 副，只有 {capacity} 副（行程 {legs}）',
    en: '{vehicle} has too few stretchers: {load} needed, {capacity} available (legs {legs})',
  },
  infection_mix: {
    'zh-CN': '不同感染类别的乘客不能同车：{vehicle} 上会同时载有 {classes}（行程 {legs}）',
    en: 'Different infection classes never ride together: {vehicle} would carry {classes} at once (legs {legs})',
  },
  medicine_with_infection: {
    'zh-CN': '载有密接或阳性患者的车辆不能同时运送药品：{vehicle}（行程 {legs}）',
    en: 'A vehicle carrying a close-contact or positive patient does not carry medicines at the same time: {vehicle} (legs {legs})',
  },
  one_patient: {
    'zh-CN': '本区执行“一车一患者”：{vehicle} 上会同时有两位患者（行程 {legs}）',
    en: 'This district runs one patient per vehicle: {vehicle} would carry two patients at once (legs {legs})',
  },
  disinfection_gap: {
    'zh-CN': '{vehicle} 卸下需消杀的乘客后须消杀 {minutes} 分钟，赶不上下一程（行程 {legs}）',
    en: '{vehicle} must be disinfected for {minutes} min after its passenger and cannot make the next pickup (legs {legs})',
  },
  in_the_past: {
    'zh-CN': '计划时间早于当前时间（行程 {legs}）',
    en: 'A planned time lies before now (legs {legs})',
  },
  travel_time: {
    'zh-CN': '{vehicle} 按行车时间赶不上下一站（行程 {legs}）',
    en: '{vehicle} cannot drive from one stop to the next in time (legs {legs})',
  },
  time_window: {
    'zh-CN': '超出就诊/接送时间窗（行程 {legs}）',
    en: 'Outside the appointment or pickup window (legs {legs})',
  },
  ride_time: {
    'zh-CN': '患者在车时间超过上限 {minutes} 分钟（行程 {legs}）',
    en: 'Time on board exceeds the {minutes} min limit (legs {legs})',
  },
  ambulance_reserve: {
    'zh-CN': '120 救护车留给急诊，常规治疗不派救护车（行程 {legs}）',
    en: '120 ambulances are kept for emergencies, not scheduled care (legs {legs})',
  },
};

export interface ScheduleViolation {
  rule: ScheduleRule;
  vehicleId: string;
  /** The legs in the way: those aboard together, or the two stops that cannot follow each other. */
  legIds: string[];
  params: Record<string, string | number>;
}

export function formatScheduleViolation(
  violation: Pick<ScheduleViolation, 'rule' | 'params'>,
  locale: Locale,
): string {
  return fillPlaceholders(SCHEDULE_RULE_MESSAGES[violation.rule][locale], violation.params);
}

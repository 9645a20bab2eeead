import type { Locale, NoticeKind } from '@lastmeter/shared';

/**
 * The words of each notice, short enough for one SMS (70 Chinese characters). Parameters carry no
 * identity: times, the gate, the hospital, the plate, an online visit's join link. Providers that require registered templates get
 * the same parameters under the kind's template id (NoticeConfig.http.templates).
 */
export const NOTICE_TEXT: Record<Locale, Record<NoticeKind, string>> = {
  'zh-CN': {
    evening_before: '{day} {pickupTime} 在{gate}接您去{hospital}，车辆 {plate}。请提前到门口等候。',
    vehicle_departed: '接您的车辆 {plate} 已出发，预计 {eta} 到{gate}。',
    vehicle_at_gate: '车辆 {plate} 已到{gate}，请出门上车。',
    return_booked: '返程已安排：约 {returnTime} 在{hospital}接您回小区，车辆 {returnPlate}。',
    trip_changed: '行程有变：接人时间改为 {pickupTime}，地点{gate}，去{hospital}。',
    trip_cancelled: '您 {date} 去{hospital}的行程已取消。如有疑问请联系社区。',
    visit_booked: '已为您预约{hospital}在线复诊：{date} {visitTime}。届时打开链接：{joinLink}',
    visit_changed: '在线复诊时间改为 {date} {visitTime}（{hospital}）。链接：{joinLink}',
    visit_cancelled: '您 {date} {visitTime} 在{hospital}的在线复诊已取消。如有疑问请联系社区。',
  },
  en: {
    evening_before:
      'On {date} at {pickupTime} a car ({plate}) picks you up at {gate} for {hospital}. Please wait at the gate.',
    vehicle_departed: 'Your car {plate} has set off and should reach {gate} around {eta}.',
    vehicle_at_gate: 'Your car {plate} is at {gate}. Please come out.',
    return_booked: 'Your return is booked: around {returnTime} at {hospital}, car {returnPlate}.',
    trip_changed: 'Your trip changed: pickup now at {pickupTime}, {gate}, to {hospital}.',
    trip_cancelled: 'Your trip to {hospital} on {date} is cancelled. Ask your community if in doubt.',
    visit_booked: 'Online visit booked with {hospital}: {date} at {visitTime}. At that time open {joinLink}',
    visit_changed: 'Your online visit moved to {date} at {visitTime} ({hospital}). Link: {joinLink}',
    visit_cancelled:
      'Your online visit with {hospital} on {date} at {visitTime} is cancelled. Ask your community if in doubt.',
  },
};

export function renderNotice(
  kind: NoticeKind,
  params: Record<string, string>,
  locale: Locale = 'zh-CN',
): string {
  return NOTICE_TEXT[locale][kind].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '—');
}

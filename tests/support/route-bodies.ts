import type { AnyRoute } from '@lastmeter/server/http/route.ts';
import { addDays } from './calendar.ts';
import { square, validNationalId } from './factories.ts';

type Params = Record<string, string>;

const slot = { service: 'dialysis', startTime: '08:00', endTime: '12:00', capacity: 5 };

/**
 * A valid body for every route that takes one, built from a scope world's ids (tests/support/route-world.ts),
 * so a generated test reaches past validation into the use case: the fuzz puts one bad field at a time
 * into it, the foreign-scope test sends it with another world's ids — in the path and in the body.
 */
const BODIES: Record<string, (p: Params) => Record<string, unknown>> = {
  'POST /api/v1/auth/login': () => ({ username: 'nobody', password: 'secret' }),
  'POST /api/v1/auth/password': () => ({ currentPassword: 'secret', newPassword: 'a-new-passphrase-1' }),
  'POST /api/v1/accounts': (p) => ({
    username: `probe_${Math.random().toString(36).slice(2, 8)}`,
    displayName: '探针',
    role: 'driver',
    password: 'a-new-passphrase-1',
    vehicleId: p.vehicleId,
  }),
  'PATCH /api/v1/accounts/:accountId': () => ({ displayName: '改名' }),
  'POST /api/v1/accounts/:accountId/reset-password': () => ({ password: 'a-new-passphrase-2' }),
  'POST /api/v1/districts': () => ({
    code: `F${Math.random().toString(36).slice(2, 6)}`,
    name: '区',
    city: '上海市',
    center: { lng: 121.4, lat: 31.2 },
  }),
  'PATCH /api/v1/districts/:districtId': () => ({ name: '改名区' }),
  'POST /api/v1/districts/:districtId/compounds': () => ({
    name: '小区',
    address: '路 1 号',
    boundary: square(121.5, 31.3),
    gates: [{ name: '东门', lng: 121.5, lat: 31.3 }],
  }),
  'PATCH /api/v1/compounds/:compoundId': () => ({ name: '改名小区' }),
  'POST /api/v1/compounds/:compoundId/gates': () => ({ name: '西门', lng: 121.43, lat: 31.17 }),
  'PATCH /api/v1/compounds/:compoundId/gates/:gateId': () => ({ name: '北门' }),
  'PUT /api/v1/compounds/:compoundId/gatekeepers': (p) => ({ accountIds: [p.accountId] }),
  'POST /api/v1/districts/:districtId/zones': () => ({
    name: '区域',
    level: 'controlled',
    geometry: square(121.43, 31.17),
  }),
  'PATCH /api/v1/zones/:zoneId': () => ({ name: '区域', validFrom: new Date().toISOString() }),
  'POST /api/v1/districts/:districtId/zones/import': () => ({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(121.43, 31.17), properties: { name: '区域', level: 'sealed' } },
    ],
  }),
  'POST /api/v1/hospitals': (p) => ({
    name: '医院',
    districtId: p.districtId,
    location: { lng: 121.45, lat: 31.19 },
    entrance: { lng: 121.45, lat: 31.19 },
  }),
  'PATCH /api/v1/hospitals/:hospitalId': () => ({ name: '医院', phone: '021-1234', address: '路' }),
  'PUT /api/v1/hospitals/:hospitalId/status': () => ({ status: 'diverting' }),
  'PUT /api/v1/hospitals/:hospitalId/slots': () => ({ slots: [{ ...slot, weekday: 1 }] }),
  'PUT /api/v1/hospitals/:hospitalId/overrides/:date': () => ({ slots: [slot] }),
  'POST /api/v1/vehicles': (p) => ({
    districtId: p.districtId,
    kind: 'volunteer',
    plate: `沪A·${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
    seats: 4,
    base: { lng: 121.44, lat: 31.18 },
  }),
  'PATCH /api/v1/vehicles/:vehicleId': () => ({ callSign: '呼号' }),
  'PUT /api/v1/vehicles/:vehicleId/driver': () => ({ accountId: null }),
  'POST /api/v1/compounds/:compoundId/patients': (p) => ({
    name: '王五',
    nationalId: validNationalId('1958-06-01'),
    phone: '13912345670',
    gateId: p.gateId,
    regularHospitalId: p.hospitalId,
  }),
  'PATCH /api/v1/patients/:patientId': () => ({ name: '王五', building: '1', notes: '备注' }),
  'POST /api/v1/patients/:patientId/reveal': () => ({ reason: '联系家属' }),
  'POST /api/v1/patients/:patientId/needs': (p) => ({
    kind: 'dialysis',
    schedule: { weekdays: [1, 3, 5], startTime: '07:00' },
    hospitalId: p.hospitalId,
  }),
  'PATCH /api/v1/patients/:patientId/needs/:needId': () => ({ notes: '备注' }),
  'POST /api/v1/patients/:patientId/reject': () => ({ reason: '重复' }),
  'POST /api/v1/patients/:patientId/requests': (p) => ({
    urgency: 'scheduled',
    service: 'general',
    hospitalId: p.hospitalId,
    windowStart: `${addDays(p.date ?? '', 1)}T09:00:00+08:00`,
    windowEnd: `${addDays(p.date ?? '', 1)}T09:30:00+08:00`,
  }),
  'POST /api/v1/self-registration/:token': () => ({
    name: '赵六',
    nationalId: validNationalId('1950-02-02'),
    phone: '13912345671',
    need: { kind: 'dialysis', schedule: { weekdays: [2, 4, 6], startTime: '07:00' } },
    consent: { givenBy: '赵六', relation: '本人', purposes: ['transport'] },
  }),
  'POST /api/v1/requests/generate': (p) => ({ date: addDays(p.date ?? '', 1), districtId: p.districtId }),
  'POST /api/v1/districts/:districtId/plan': (p) => ({ date: p.date, iterations: 10 }),
  'POST /api/v1/legs/:legId/assign': (p) => ({ vehicleId: p.vehicleId }),
  'POST /api/v1/legs/:legId/cancel': () => ({ reason: '取消' }),
  'POST /api/v1/legs/:legId/decline': () => ({ reason: '太远' }),
  'POST /api/v1/legs/:legId/refused-at-gate': () => ({ reason: 'other', note: '拒绝' }),
  'POST /api/v1/incidents/:incidentId/resolve': () => ({ resolution: '已处理' }),
  'POST /api/v1/vehicles/:vehicleId/breakdown': () => ({ note: '抛锚' }),
  'PUT /api/v1/requests/:requestId/way': () => ({ serveBy: 'online_visit' }),
  'POST /api/v1/online-visits/:visitId/outcome': () => ({ outcome: 'no_answer', note: '未接' }),
  'POST /api/v1/online-visits/:visitId/reschedule': (p) => ({
    startsAt: `${addDays(p.date ?? '', 1)}T09:00:00+08:00`,
  }),
  'POST /api/v1/online-visits/:visitId/cancel': () => ({ note: '不需要了' }),
  'PUT /api/v1/hospitals/:hospitalId/online-slots': () => ({
    slots: [{ ...slot, service: 'general', weekday: 1 }],
  }),
  'PUT /api/v1/hospitals/:hospitalId/online-overrides/:date': () => ({
    slots: [{ ...slot, service: 'general' }],
  }),
  'POST /api/v1/patients/:patientId/prescriptions': (p) => ({
    hospitalId: p.hospitalId,
    items: [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '随餐' }],
    note: '备注',
  }),
  'POST /api/v1/deliveries/:deliveryId/cancel': () => ({ note: '不需要了' }),
  'POST /api/v1/deliveries/:deliveryId/assign': (p) => ({ vehicleId: p.vehicleId }),
  'POST /api/v1/districts/:districtId/complaints': (p) => ({
    hospitalId: p.hospitalId,
    kind: 'other',
    source: 'hotline',
    description: '等候太久',
  }),
  'POST /api/v1/complaints/:complaintId/resolve': () => ({ outcome: '已回复' }),
  'PUT /api/v1/patients/:patientId/notice-settings': () => ({ optedOut: false }),
};

/** Query strings that name records, filled from the world's ids (the lists filtered by district, compound …). */
const QUERIES: Record<string, (p: Params) => Record<string, string>> = {
  'GET /api/v1/accounts': (p) => ({ districtId: p.districtId ?? '' }),
  'GET /api/v1/vehicles': (p) => ({ districtId: p.districtId ?? '' }),
  'GET /api/v1/requests': (p) => ({ date: p.date ?? '', compoundId: p.compoundId ?? '' }),
  'GET /api/v1/incidents': (p) => ({ districtId: p.districtId ?? '' }),
  'GET /api/v1/online-visits': (p) => ({ date: p.date ?? '', compoundId: p.compoundId ?? '' }),
  'GET /api/v1/complaints/report': (p) => ({ districtId: p.districtId ?? '' }),
  'GET /api/v1/complaints/report.csv': (p) => ({ hospitalId: p.hospitalId ?? '' }),
  'GET /api/v1/notices': (p) => ({ tripId: p.tripId ?? '' }),
  'GET /api/v1/audit': (p) => ({ entityId: p.patientId ?? '' }),
};

export const routeKey = (route: AnyRoute) => `${route.method.toUpperCase()} ${route.path}`;

/** A valid JSON body for the route with these ids, `{}` for routes whose body is all optional. */
export function sampleBody(route: AnyRoute, params: Params): Record<string, unknown> | undefined {
  if (route.method === 'get' || route.bodyType === 'multipart') return undefined;
  return BODIES[routeKey(route)]?.(params) ?? {};
}

/** The route's query string naming these ids (with a leading `?`), or `''`. */
export function sampleQuery(route: AnyRoute, params: Params): string {
  const query = QUERIES[routeKey(route)]?.(params);
  return query ? `?${new URLSearchParams(query)}` : '';
}

import type { AnyRoute } from '@lastmeter/server/http/route.ts';
import { routes } from '@lastmeter/server/http/routes/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, square } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { cityToday, createScopeWorld, fillPath, type ScopeWorld } from '../../support/route-world.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Generated from the route list, beside "requires authentication": every route gets bad bytes and
 * wrong types in each path parameter, query key and body field — NUL and other control characters,
 * ill-formed Unicode, huge strings, numbers, booleans, null, arrays, objects — first alone, then inside
 * an otherwise valid body where we know one. Nothing may answer 5xx.
 */
let server: TestServer;
let world: ScopeWorld;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await createScopeWorld(server, cityToday());
  const admin = await createAccount(server.app.db, 'admin');
  adminToken = await loginAs(server, admin.username, admin.password);
});
afterAll(() => server.stop());

const BAD_VALUES: unknown[] = [
  'a\u0000b',
  '\u0000',
  '\u001b[31mred',
  '\u007f\u0085',
  '\ud800',
  'x'.repeat(20_000),
  '名'.repeat(300),
  12345,
  -1,
  1e308,
  true,
  null,
  [],
  ['a\u0000'],
  {},
  { '\u0000': 1 },
];
const BAD_PATH_SEGMENTS = ['%00', 'a%00b', '%1B', '%E0%A4%A', 'x'.repeat(3000), '..%2F..', '0'];
const BAD_QUERIES = ['q=%00', 'entity=%00', 'x=%00', 'q[a]=b', 'q[]=a&q[]=b', 'q=%E0%A4%A'];

/** Valid bodies for the routes that store text, so a bad field reaches as deep as it can. */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/auth/login': { username: 'nobody', password: 'secret' },
  'POST /api/v1/districts': { code: 'F1', name: '区', city: '上海市', center: { lng: 121.4, lat: 31.2 } },
  'POST /api/v1/districts/:districtId/compounds': {
    name: '小区',
    address: '路 1 号',
    boundary: square(121.43, 31.17),
    gates: [{ name: '东门', lng: 121.43, lat: 31.17 }],
  },
  'POST /api/v1/compounds/:compoundId/gates': { name: '西门', lng: 121.43, lat: 31.17 },
  'POST /api/v1/districts/:districtId/zones': {
    name: '区域',
    level: 'controlled',
    geometry: square(121.43, 31.17),
  },
  'PATCH /api/v1/zones/:zoneId': { name: '区域', validFrom: new Date().toISOString() },
  'POST /api/v1/districts/:districtId/zones/import': {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(121.43, 31.17), properties: { name: '区域', level: 'sealed' } },
    ],
  },
  'POST /api/v1/hospitals': {
    name: '医院',
    location: { lng: 121.45, lat: 31.19 },
    entrance: { lng: 121.45, lat: 31.19 },
  },
  'PATCH /api/v1/hospitals/:hospitalId': { name: '医院', phone: '021-1234', address: '路' },
  'POST /api/v1/vehicles': {
    districtId: '',
    kind: 'volunteer',
    plate: '沪A·F1',
    seats: 4,
    base: { lng: 121.44, lat: 31.18 },
  },
  'PATCH /api/v1/vehicles/:vehicleId': { callSign: '呼号' },
  'PATCH /api/v1/patients/:patientId': { name: '王五', building: '1', notes: '备注' },
  'POST /api/v1/patients/:patientId/reveal': { reason: '联系家属' },
  'POST /api/v1/patients/:patientId/reject': { reason: '重复' },
  'POST /api/v1/legs/:legId/cancel': { reason: '取消' },
  'POST /api/v1/legs/:legId/decline': { reason: '太远' },
  'POST /api/v1/incidents/:incidentId/resolve': { resolution: '已处理' },
  'POST /api/v1/patients/:patientId/prescriptions': {
    hospitalId: '00000000-0000-4000-8000-000000000000',
    items: [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '随餐' }],
    note: '备注',
  },
  'POST /api/v1/deliveries/:deliveryId/cancel': { note: '不需要了' },
  'POST /api/v1/vehicles/:vehicleId/breakdown': { note: '抛锚' },
};

function keysOf(schema: unknown): string[] {
  const shape = schema && typeof schema === 'object' && 'shape' in schema ? schema.shape : null;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

interface Probe {
  path: string;
  body?: unknown;
}

function probesOf(route: AnyRoute, params: Record<string, string>): Probe[] {
  const key = `${route.method.toUpperCase()} ${route.path}`;
  const path = fillPath(route.path, params);
  const probes: Probe[] = [];
  const sendsBody = route.method !== 'get' && route.bodyType !== 'multipart';
  for (const name of route.path.match(/:(\w+)/g) ?? []) {
    for (const bad of BAD_PATH_SEGMENTS) {
      const raw = route.path.replace(name, bad);
      probes.push({ path: fillPath(raw, params), body: sendsBody ? {} : undefined });
    }
  }
  for (const query of BAD_QUERIES) probes.push({ path: `${path}?${query}` });
  for (const k of keysOf(route.query)) {
    for (const v of ['%00', '%7F', 'x'.repeat(5000), '']) probes.push({ path: `${path}?${k}=${v}` });
    probes.push({ path: `${path}?${k}[]=a&${k}[]=b` }, { path: `${path}?${k}[a][b]=c` });
  }
  if (sendsBody) {
    const sample = SAMPLE_BODIES[key] ?? {};
    const base = key === 'POST /api/v1/vehicles' ? { ...sample, districtId: params.districtId } : sample;
    for (const whole of [[], 'text', 42, null, nested(80), { 'a\u0000': 1 }, base]) {
      probes.push({ path, body: whole });
    }
    for (const field of new Set([...keysOf(route.body), ...Object.keys(base)])) {
      for (const bad of BAD_VALUES) probes.push({ path, body: { ...base, [field]: bad } });
    }
  }
  return probes;
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('fuzzing every route never gives a 5xx', () => {
  it.each(routes.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s',
    async (method, _path, route) => {
      const failures: string[] = [];
      for (const probe of probesOf(route, world.params)) {
        const res = await api(server, method, probe.path, {
          token: route.auth === 'session' ? adminToken : undefined,
          body: probe.body,
        });
        if (res.status >= 500) {
          failures.push(
            `${res.status} ${probe.path.slice(0, 120)} ${JSON.stringify(probe.body)?.slice(0, 120)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
  );
});

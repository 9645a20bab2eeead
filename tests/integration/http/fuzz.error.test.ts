import type { AnyRoute } from '@lastmeter/server/http/route.ts';
import { routes } from '@lastmeter/server/http/routes/index.ts';
import { type ClientToServerEvents, rooms } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { sampleBody } from '../../support/route-bodies.ts';
import { cityToday, createScopeWorld, fillPath, type ScopeWorld } from '../../support/route-world.ts';
import { connectClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Generated from the route list, beside "requires authentication": every route gets bad bytes and
 * wrong types in each path parameter, query key and body field — NUL and other control characters,
 * ill-formed Unicode, huge strings, numbers, booleans, null, arrays, objects — first alone, then inside
 * an otherwise valid body (tests/support/route-bodies.ts). Nothing may answer 5xx. Every socket event
 * gets the same values, whole and per field: every reply is an acknowledgement `{ ok, … }`, none an
 * internal error, and `ping` answers `ok: true` whatever it carries.
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

function keysOf(schema: unknown): string[] {
  const shape = schema && typeof schema === 'object' && 'shape' in schema ? schema.shape : null;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

interface Probe {
  path: string;
  body?: unknown;
}

function probesOf(route: AnyRoute, params: Record<string, string>): Probe[] {
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
    const base = sampleBody(route, params) ?? {};
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

/** A valid payload of every event a client may send (typed: a new event must be added here). */
const SOCKET_SAMPLES = {
  ping: () => undefined,
  resume: () => ({ streams: { [rooms.vehicle(world.params.vehicleId ?? '')]: 0 } }),
  ack: () => ({ stream: rooms.vehicle(world.params.vehicleId ?? ''), offset: 0 }),
  position: () => ({ lng: 121.44, lat: 31.18, recordedAt: new Date().toISOString() }),
} satisfies Record<keyof ClientToServerEvents, () => Record<string, unknown> | undefined>;

describe('fuzzing every socket event never fails inside, and every reply is `{ ok, … }`', () => {
  it.each(Object.keys(SOCKET_SAMPLES) as (keyof typeof SOCKET_SAMPLES)[])(
    '%s',
    async (event) => {
      const driver = await connectClient(server, world.tokens.driver ?? '');
      const emit = (...args: unknown[]) =>
        (
          driver.socket.timeout(20_000) as unknown as {
            emitWithAck(e: string, ...a: unknown[]): Promise<unknown>;
          }
        ).emitWithAck(event, ...args);
      const base = SOCKET_SAMPLES[event]() ?? {};
      const payloads: unknown[][] = [[], ...BAD_VALUES.map((v) => [v]), [base, 'extra'], [nested(80)]];
      for (const field of Object.keys(base)) {
        for (const bad of BAD_VALUES) payloads.push([{ ...base, [field]: bad }]);
      }
      const failures: string[] = [];
      for (const args of payloads) {
        const reply = (await emit(...args)) as { ok?: unknown; error?: { code?: string } } | null;
        const wellFormed = reply !== null && typeof reply === 'object' && typeof reply.ok === 'boolean';
        if (!wellFormed || reply?.error?.code === 'internal' || (event === 'ping' && reply?.ok !== true)) {
          failures.push(`${JSON.stringify(args).slice(0, 100)} → ${JSON.stringify(reply).slice(0, 100)}`);
        }
      }
      expect(driver.socket.connected).toBe(true);
      driver.close();
      expect(failures).toEqual([]);
    },
    300_000,
  );
});

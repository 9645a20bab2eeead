import type { AnyRoute } from '@lastmeter/server/http/route.ts';
import { routes } from '@lastmeter/server/http/routes/index.ts';
import type { Role } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { routeKey, sampleBody, sampleQuery } from '../../support/route-bodies.ts';
import { cityToday, createScopeWorld, fillPath, type ScopeWorld } from '../../support/route-world.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Generated from the route list, beside "requires authentication": every route that names a record — in
 * its path, its query or its body — is called by every staff role scoped to one world with the records
 * of another (other district, compound, hospital, vehicle), with a valid body so the call reaches the
 * use case. A foreign record answers exactly as an id that matches nothing (existence not revealed: 404
 * where the caller could read such a record, never 403 for one and 404 for the other), a write never
 * succeeds, a list never shows a foreign record, and nothing answers 5xx.
 */
let server: TestServer;
let home: ScopeWorld;
let foreign: ScopeWorld;
let missing: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  home = await createScopeWorld(server, cityToday());
  foreign = await createScopeWorld(server, cityToday());
  missing = Object.fromEntries(
    Object.entries(foreign.params).map(([name, value]) => [
      name,
      /^[0-9a-f-]{36}$/.test(value) ? crypto.randomUUID() : name === 'token' ? 'x'.repeat(43) : value,
    ]),
  );
}, 120_000);
afterAll(() => server.stop());

const ROLES = ['dispatcher', 'gatekeeper', 'hospital', 'driver'] as const satisfies Role[];

/**
 * Open by design: hospital details and capacity, on site and online, to all staff (matching patients
 * to hospitals needs them); a hospital's expected arrivals and return pickups to any dispatcher, filtered to their own
 * districts' patients; a complaint about a hospital may be filed by any dispatcher about any hospital.
 */
function openByDesign(route: AnyRoute, role: Role): boolean {
  if (route.method !== 'get') return false;
  if (
    role !== 'hospital' &&
    /^\/api\/v1\/hospitals\/:hospitalId(\/(capacity|slots|online-capacity|online-slots))?$/.test(route.path)
  )
    return true;
  return (
    role === 'dispatcher' && /^\/api\/v1\/hospitals\/:hospitalId\/(arrivals|return-pickups)$/.test(route.path)
  );
}

interface Call {
  path: string;
  body: Record<string, unknown> | undefined;
}

function callWith(route: AnyRoute, params: Record<string, string>): Call {
  return {
    path: fillPath(route.path, params) + sampleQuery(route, params),
    body: sampleBody(route, params),
  };
}

/** The other world's ids that the request itself did not carry: none may come back. */
function leaked(call: Call, response: unknown): string[] {
  const asked = call.path + JSON.stringify(call.body ?? {});
  const text = typeof response === 'string' ? response : JSON.stringify(response ?? '');
  const secrets = [
    ...Object.values(foreign.params).filter((v) => /^[0-9a-f-]{36}$/.test(v)),
    ...Object.values(foreign.accounts).map((a) => a.id),
    foreign.patient.name,
    foreign.patient.nationalId,
  ];
  return secrets.filter((s) => !asked.includes(s) && text.includes(s));
}

const namesARecord = (route: AnyRoute) =>
  route.auth === 'session' &&
  Object.values(foreign.params).some((v) => {
    const call = callWith(route, foreign.params);
    return call.path.includes(encodeURIComponent(v)) || JSON.stringify(call.body ?? {}).includes(v);
  });

describe('a foreign scope is refused on every route', () => {
  it.each(routes.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s',
    async (method, _path, route) => {
      if (!namesARecord(route)) return;
      const failures: string[] = [];
      for (const role of ROLES) {
        const token = home.tokens[role];
        const other = callWith(route, foreign.params);
        const res = await api<{ code?: string }>(server, method, other.path, { token, body: other.body });
        const cell = `${role}: foreign ${res.status} ${res.body?.code ?? ''}`;
        if (res.status >= 500) failures.push(cell);
        if (openByDesign(route, role)) continue;
        const leaks = leaked(other, res.body);
        if (leaks.length) failures.push(`${cell} shows ${leaks.join(', ')}`);
        if (res.status < 300) {
          // Only a list filtered by a foreign id may answer, and then with nothing of the other world.
          if (method !== 'GET' || route.path.includes('/:')) failures.push(`${cell} succeeded`);
          continue;
        }
        const absent = callWith(route, missing);
        const none = await api<{ code?: string }>(server, method, absent.path, { token, body: absent.body });
        if (none.status !== res.status || none.body?.code !== res.body?.code) {
          failures.push(`${cell}, but a missing id ${none.status} ${none.body?.code ?? ''}`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

describe('the generated walk reaches the use cases', () => {
  it('every sample body passes its route schema', () => {
    const invalid = routes.flatMap((route) => {
      const body = sampleBody(route, foreign.params);
      return body !== undefined && route.body && !route.body.safeParse(body).success ? [routeKey(route)] : [];
    });
    expect(invalid).toEqual([]);
  });
});

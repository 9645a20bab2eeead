import type { AnyRoute } from '@lastmeter/server/http/route.ts';
import { routes } from '@lastmeter/server/http/routes/index.ts';
import type { Role } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { cityToday, createScopeWorld, fillPath, type ScopeWorld } from '../../support/route-world.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Generated from the route list, beside "requires authentication": every route that names a record is
 * called by every staff role scoped to one world, with the records of another (other district,
 * compound, hospital, vehicle). A read answers 403 or 404 — existence not revealed —, a write never
 * succeeds, and nothing answers 5xx.
 */
let server: TestServer;
let home: ScopeWorld;
let foreign: ScopeWorld;
beforeAll(async () => {
  server = await startTestServer();
  home = await createScopeWorld(server, cityToday());
  foreign = await createScopeWorld(server, cityToday());
});
afterAll(() => server.stop());

const ROLES = ['dispatcher', 'gatekeeper', 'hospital', 'driver'] as const satisfies Role[];

/**
 * Open by design: hospital details and capacity, on site and online, to all staff (matching patients
 * to hospitals needs them); a hospital's expected arrivals to any dispatcher, filtered to their own districts' patients.
 */
function openByDesign(route: AnyRoute, role: Role): boolean {
  if (route.method !== 'get') return false;
  if (
    role !== 'hospital' &&
    /^\/api\/v1\/hospitals\/:hospitalId(\/(capacity|slots|online-capacity|online-slots))?$/.test(route.path)
  )
    return true;
  return role === 'dispatcher' && route.path === '/api/v1/hospitals/:hospitalId/arrivals';
}

const recordRoutes = routes.filter((r) => r.auth === 'session' && r.path.includes('/:'));

describe('a foreign scope is refused on every route', () => {
  it.each(recordRoutes.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s',
    async (method, path, route) => {
      const failures: string[] = [];
      for (const role of ROLES) {
        if (openByDesign(route, role)) continue;
        const res = await api<{ code?: string }>(server, method, fillPath(path, foreign.params), {
          token: home.tokens[role],
          body: method === 'GET' ? undefined : {},
        });
        const refused = res.status === 403 || res.status === 404;
        const ok = method === 'GET' ? refused : refused || (res.status >= 400 && res.status < 500);
        if (!ok) failures.push(`${role}: ${res.status} ${res.body?.code ?? ''}`);
      }
      expect(failures).toEqual([]);
    },
  );
});

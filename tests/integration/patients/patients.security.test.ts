import { auditLog } from '@lastmeter/db';
import { patientRoutes } from '@lastmeter/server/http/routes/patients/index.ts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdayAhead } from '../../support/calendar.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, upload, type World } from './world.ts';

const MONDAY = weekdayAhead(1);

let server: TestServer;
let w: World;
let patientB: { id: string; needs: Array<{ id: string }> };
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
  const res = await api<typeof patientB>(server, 'POST', `/api/v1/compounds/${w.compoundB.id}/patients`, {
    token: w.gatekeeperB.token,
    body: patientBody(),
  });
  patientB = res.body;
});
afterAll(() => server.stop());

/** A plausible body for each route, so that only the scope can be the reason for refusal. */
function bodyFor(method: string, path: string): unknown {
  if (method === 'get') return undefined;
  if (path.endsWith('/needs')) return { kind: 'dialysis', schedule: { weekdays: [1], startTime: '07:00' } };
  if (path.endsWith('/needs/:needId')) return { notes: 'x' };
  if (path.endsWith('/patients')) return patientBody();
  if (path.endsWith('/reject')) return { reason: '不是本小区住户' };
  if (path.endsWith('/requests')) return { urgency: 'emergency', service: 'emergency' };
  if (path === '/api/v1/requests/generate') return { date: MONDAY, compoundId: w.compoundB.id };
  if (path.endsWith('/patients/:patientId')) return { notes: 'x' };
  return {};
}

describe('a gatekeeper of compound A on every patient route of compound B', () => {
  const sessionRoutes = patientRoutes.filter((r) => r.auth === 'session' && r.path !== '/api/v1/requests');
  it.each(sessionRoutes.map((r) => [r.method.toUpperCase(), r.path] as const))(
    '%s %s → 403 or 404',
    async (method, path) => {
      const url = path
        .replace(':compoundId', w.compoundB.id)
        .replace(':patientId', patientB.id)
        .replace(':needId', patientB.needs[0]?.id ?? '');
      const res = path.endsWith('/import')
        ? await upload(server, url, w.gatekeeperA.token, {
            name: 'x.csv',
            content: Buffer.from('姓名\n张三\n'),
          })
        : await api<{ code: string }>(server, method, url, {
            token: w.gatekeeperA.token,
            body: bodyFor(method.toLowerCase(), path),
          });
      expect([403, 404], `${method} ${url}: ${JSON.stringify(res.body)}`).toContain(res.status);
    },
  );

  it('a day-list of B requests filtered to A shows nothing of B', async () => {
    const res = await api<{ code: string }>(
      server,
      'GET',
      `/api/v1/requests?date=${MONDAY}&compoundId=${w.compoundB.id}`,
      {
        token: w.gatekeeperA.token,
      },
    );
    expect(res.status).toBe(404);
  });

  it('patient B is unchanged and the refusals are in the audit trail', async () => {
    const got = await api<{ status: string; notes: string; needs: Array<{ active: boolean }> }>(
      server,
      'GET',
      `/api/v1/patients/${patientB.id}`,
      {
        token: w.gatekeeperB.token,
      },
    );
    expect(got.body).toMatchObject({ status: 'active', notes: '', needs: [{ active: true }] });
    const denied = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, w.gatekeeperA.id), eq(auditLog.outcome, 'denied')));
    expect(denied.length).toBeGreaterThanOrEqual(sessionRoutes.length - 2);
    expect(denied.some((r) => r.entityId === patientB.id && r.action === 'reveal_identity')).toBe(true);
  });
});

describe('roles outside the registry', () => {
  it('a driver and a hospital cannot list, read or reveal patients', async () => {
    for (const account of [w.driver, w.hospitalStaff]) {
      const list = await api(server, 'GET', `/api/v1/compounds/${w.compoundB.id}/patients`, {
        token: account.token,
      });
      expect(list.status).toBe(404);
      const one = await api(server, 'GET', `/api/v1/patients/${patientB.id}`, { token: account.token });
      expect(one.status).toBe(404);
      const reveal = await api(server, 'POST', `/api/v1/patients/${patientB.id}/reveal`, {
        token: account.token,
        body: {},
      });
      expect(reveal.status).toBe(404);
      const requests = await api(server, 'GET', `/api/v1/requests?date=${MONDAY}`, { token: account.token });
      expect(requests.status).toBe(403);
    }
    const denied = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, w.driver.id), eq(auditLog.outcome, 'denied')));
    expect(denied.map((d) => d.action)).toEqual(expect.arrayContaining(['read', 'reveal_identity']));
  });

  it('a dispatcher reads and reveals in their district, but does not edit the registry or reach another district', async () => {
    expect(
      (await api(server, 'GET', `/api/v1/patients/${patientB.id}`, { token: w.dispatcher.token })).status,
    ).toBe(200);
    expect(
      (
        await api(server, 'PATCH', `/api/v1/patients/${patientB.id}`, {
          token: w.dispatcher.token,
          body: { notes: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(server, 'GET', `/api/v1/patients/${patientB.id}`, { token: w.farDispatcher.token })).status,
    ).toBe(404);
    expect(
      (
        await api(server, 'POST', `/api/v1/patients/${patientB.id}/reveal`, {
          token: w.farDispatcher.token,
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});

import { Writable } from 'node:stream';
import { auditLog, compounds, onlineVisits, patients } from '@lastmeter/db';
import { routes } from '@lastmeter/server/http/routes/index.ts';
import { createLogger } from '@lastmeter/server/logger.ts';
import { startServer } from '@lastmeter/server/server.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { routeKey, sampleBody } from '../../support/route-bodies.ts';
import { cityToday, createScopeWorld } from '../../support/route-world.ts';
import { type TestServer, testConfig } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from '../patients/world.ts';

/**
 * The log stream and the audit table after failing writes, searches and refused reads, and after the
 * links that are their own authority are made and opened (self-registration, tracking, online-visit
 * join links): no name, national ID, phone or link token may appear in either (driver errors included).
 */
const lines: string[] = [];
let server: TestServer;
let database: TestDatabase;
let w: World;
const person = {
  name: '欧阳慧敏',
  nationalId: validNationalId('1975-03-09', 'female'),
  phone: '13912345678',
};

beforeAll(async () => {
  database = await createTestDatabase();
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = testConfig(database, { logLevel: 'info' });
  const clock = new TestClock();
  const running = await startServer(config, createLogger('info', 'json', sink), { clock });
  server = { ...running, database, clock, stop: async () => running.close() };
  w = await createWorld(server);
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

describe('no personal data in logs or audit details', () => {
  it('after failing writes, searches and refused reads', async () => {
    const register = (token: string, compoundId: string) =>
      api(server, 'POST', `/api/v1/compounds/${compoundId}/patients`, {
        token,
        body: patientBody(person),
      });
    expect((await register(w.gatekeeperA.token, w.compoundA.id)).status).toBe(201);
    expect((await register(w.gatekeeperA.token, w.compoundA.id)).status).toBe(409);
    expect((await register(w.gatekeeperB.token, w.compoundA.id)).status).toBe(404);

    for (const q of [person.nationalId, person.name, person.phone]) {
      const mine = await api(
        server,
        'GET',
        `/api/v1/compounds/${w.compoundA.id}/patients?q=${encodeURIComponent(q)}`,
        {
          token: w.gatekeeperA.token,
        },
      );
      expect(mine.status).toBe(200);
      const other = await api(
        server,
        'GET',
        `/api/v1/compounds/${w.compoundA.id}/patients?q=${encodeURIComponent(q)}`,
        {
          token: w.gatekeeperB.token,
        },
      );
      expect(other.status).toBe(404);
    }

    // Driver errors carry the statement's values: a failed insert of a patient, a clashing token.
    const fail = async (write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (err) {
        server.app.logger.error({ err }, 'write failed');
        return;
      }
      throw new Error('the write was expected to fail');
    };
    await fail(() =>
      server.app.db
        .insert(patients)
        .values({ compoundId: '00000000-0000-4000-8000-000000000000', ...person }),
    );
    await fail(() => server.app.db.insert(patients).values({ compoundId: w.compoundA.id, ...person }));
    await fail(() =>
      server.app.db.insert(compounds).values({
        districtId: w.district.id,
        name: '重复',
        boundary: w.compoundA.boundary,
        selfRegistrationToken: w.compoundA.selfRegistrationToken,
      }),
    );

    const log = lines.join('');
    expect(log).toContain('write failed');
    const audit = JSON.stringify(await server.app.db.select().from(auditLog));
    for (const secret of [person.name, person.nationalId, person.phone, w.compoundA.selfRegistrationToken]) {
      expect(log).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }

    const rows = await server.app.db.select().from(auditLog);
    const denied = rows.filter(
      (r) => r.outcome === 'denied' && r.action === 'read' && r.entity === 'patient',
    );
    expect(denied.map((r) => (r.detail as { search?: { by: string } }).search?.by)).toEqual([
      'national_id',
      'name',
      'phone',
    ]);
    expect(denied.every((r) => (r.detail as { compoundId?: string }).compoundId === w.compoundA.id)).toBe(
      true,
    );
    const listed = rows.filter((r) => r.action === 'list' && r.outcome === 'allowed');
    expect(listed.map((r) => (r.detail as { search: { term: string } }).search.term)).toEqual([
      expect.stringMatching(/^\d{4}\*+[\dX]{4}$/),
      '欧**敏',
      '139****5678',
    ]);
  });
});

describe('no link token or identity in logs or audit details across the newer areas', () => {
  it('after tracking links, join links, self-registration, prescriptions and refused calls', async () => {
    const world = await createScopeWorld(server, cityToday());
    const { tokens, params } = world;
    const [visit] = await server.app.db
      .select({ joinToken: onlineVisits.joinToken })
      .from(onlineVisits)
      .where(eq(onlineVisits.id, params.visitId ?? ''));
    const stranger = { name: '司马青云', nationalId: validNationalId('1948-11-02'), phone: '13698765432' };

    const link = await api<{ url: string }>(server, 'POST', `/api/v1/trips/${params.tripId}/tracking-link`, {
      token: tokens.gatekeeper,
      body: {},
    });
    expect(link.status).toBe(200);
    const trackingToken = link.body.url.split('/').pop() ?? '';
    expect(trackingToken.length).toBeGreaterThan(20);
    expect((await api(server, 'GET', `/api/v1/track/${trackingToken}`)).status).toBe(200);
    const wrong = `${trackingToken.slice(0, -1)}${trackingToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await api(server, 'GET', `/api/v1/track/${wrong}`)).status).toBe(404);
    expect((await api(server, 'GET', `/api/v1/visit/${visit?.joinToken}`)).status).toBe(200);
    // A mistyped link matches no route: its path is not logged either.
    expect((await api(server, 'GET', `/api/v1/visit/${visit?.joinToken}/x`)).status).toBe(404);

    const selfToken = params.token ?? '';
    expect((await api(server, 'GET', `/api/v1/self-registration/${selfToken}`)).status).toBe(200);
    const selfRoute = routes.find((r) => routeKey(r) === 'POST /api/v1/self-registration/:token');
    const form = { ...sampleBody(selfRoute!, params), ...stranger };
    const submitted = await api(server, 'POST', `/api/v1/self-registration/${selfToken}`, { body: form });
    expect(submitted.status).toBe(202);
    const again = await api(server, 'POST', `/api/v1/self-registration/${selfToken}`, { body: form });
    expect(again.status).toBeGreaterThanOrEqual(400);
    const bad = await api(server, 'POST', `/api/v1/self-registration/${selfToken}`, {
      body: { ...form, name: `${stranger.name}\u0000` },
    });
    expect(bad.status).toBe(400);

    const prescribed = await api(server, 'POST', `/api/v1/patients/${params.patientId}/prescriptions`, {
      token: tokens.hospital,
      body: { hospitalId: params.hospitalId, items: [{ name: '二甲双胍缓释片', quantity: '60片' }] },
    });
    expect(prescribed.status).toBe(201);
    for (const q of [world.patient.nationalId, world.patient.phone]) {
      const found = await api(server, 'GET', `/api/v1/compounds/${params.compoundId}/patients?q=${q}`, {
        token: tokens.gatekeeper,
      });
      expect(found.status).toBe(200);
      const refused = await api(server, 'GET', `/api/v1/compounds/${params.compoundId}/patients?q=${q}`, {
        token: tokens.driver,
      });
      expect(refused.status).toBe(404);
    }
    expect(
      (await api(server, 'GET', `/api/v1/trips/${params.tripId}/tracking-link`, { token: tokens.driver }))
        .status,
    ).toBe(404);

    const log = lines.join('');
    const audit = JSON.stringify(await server.app.db.select().from(auditLog));
    const secrets = {
      trackingToken,
      joinToken: visit?.joinToken ?? '',
      selfRegistrationToken: selfToken,
      name: world.patient.name,
      nationalId: world.patient.nationalId,
      phone: world.patient.phone,
      strangerName: stranger.name,
      strangerId: stranger.nationalId,
      strangerPhone: stranger.phone,
    };
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(1);
      expect(log.includes(secret), `${what} in the log`).toBe(false);
      expect(audit.includes(secret), `${what} in the audit`).toBe(false);
    }
    expect(log).toContain('/api/v1/track/:token');
  });
});

import { Writable } from 'node:stream';
import { auditLog, compounds, patients } from '@lastmeter/db';
import { createLogger } from '@lastmeter/server/logger.ts';
import { startServer } from '@lastmeter/server/server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { type TestServer, testConfig } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from '../registry-patients/world.ts';

/**
 * The log stream and the audit table after failing writes, searches and refused reads: no name,
 * national ID, phone or self-registration token may appear in either (driver errors included).
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
    expect((await register(w.gatekeeperB.token, w.compoundA.id)).status).toBe(403);

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
      expect(other.status).toBe(403);
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

import { auditLog, patients, requests } from '@lastmeter/db';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdayAhead } from '../../support/calendar.ts';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { consent, createWorld, type World } from './world.ts';

let server: TestServer;
let w: World;
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(() => server.stop());

let ipCounter = 0;
/** Each test speaks from its own address (trusted X-Forwarded-For from loopback) so limits do not leak between tests. */
const freshIp = () => `10.0.0.${++ipCounter}`;

function form(overrides: Record<string, unknown> = {}) {
  return {
    name: '孙大爷',
    nationalId: validNationalId('1948-08-08'),
    phone: '13812345678',
    building: '9',
    unit: '1',
    room: '202',
    mobility: 'wheelchair',
    need: { kind: 'dialysis', schedule: { weekdays: [2, 4, 6], startTime: '12:00' } },
    consent: { ...consent, givenBy: '孙小明', relation: 'child' },
    ...overrides,
  };
}
const submit = (token: string, body: unknown, ip: string) =>
  api<{ status?: string; code?: string; existingPatientId?: string; issues?: Array<{ path: string }> }>(
    server,
    'POST',
    `/api/v1/self-registration/${token}`,
    { body, headers: { 'x-forwarded-for': ip } },
  );

describe('self-registration through the compound link', () => {
  it('shows only the compound name, and a gatekeeper gets the link and its QR code', async () => {
    const info = await api(server, 'GET', `/api/v1/self-registration/${w.compoundA.selfRegistrationToken}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ compoundName: w.compoundA.name });
    expect((await api(server, 'GET', '/api/v1/self-registration/not-a-real-token-at-all')).status).toBe(404);

    const link = await api<{ path: string; url: string }>(
      server,
      'GET',
      `/api/v1/compounds/${w.compoundA.id}/self-registration`,
      {
        token: w.gatekeeperA.token,
      },
    );
    expect(link.body.path).toBe(`/register/${w.compoundA.selfRegistrationToken}`);
    const qr = await fetch(`${server.url}/api/v1/compounds/${w.compoundA.id}/self-registration/qr.png`, {
      headers: { authorization: `Bearer ${w.gatekeeperA.token}` },
    });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await qr.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const qrOther = await fetch(`${server.url}/api/v1/compounds/${w.compoundA.id}/self-registration/qr.png`, {
      headers: { authorization: `Bearer ${w.dispatcher.token}` },
    });
    expect(qrOther.status).toBe(403);
  });

  it('waits as pending, outside planning, until the gatekeeper verifies it', async () => {
    const body = form();
    const res = await submit(w.compoundA.selfRegistrationToken, body, freshIp());
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
    const [row] = await w.db.select().from(patients).where(eq(patients.nationalId, body.nationalId));
    expect(row).toMatchObject({ status: 'pending', source: 'self', compoundId: w.compoundA.id });
    expect(row?.consent).toMatchObject({ givenBy: '孙小明', relation: 'child', recordedBy: null });
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row?.id ?? ''), isNull(auditLog.actorId)));
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'self_register',
        actorRole: 'anonymous',
        ip: expect.stringContaining('10.0.0.'),
      }),
    ]);

    const pending = await api<{ items: Array<{ id: string; name: string }> }>(
      server,
      'GET',
      `/api/v1/compounds/${w.compoundA.id}/patients?status=pending`,
      { token: w.gatekeeperA.token },
    );
    expect(pending.body.items.map((p) => [p.id, p.name])).toEqual([[row?.id, '孙大爷']]);

    // Tuesday dialysis: nothing while pending.
    const tuesday = weekdayAhead(2);
    await api(server, 'POST', '/api/v1/requests/generate', {
      token: w.gatekeeperA.token,
      body: { date: tuesday, compoundId: w.compoundA.id },
    });
    expect(
      await w.db
        .select()
        .from(requests)
        .where(eq(requests.patientId, row?.id ?? '')),
    ).toHaveLength(0);

    expect(
      (await api(server, 'POST', `/api/v1/patients/${row?.id}/verify`, { token: w.gatekeeperB.token }))
        .status,
    ).toBe(404);
    expect(
      (await api(server, 'POST', `/api/v1/patients/${row?.id}/verify`, { token: w.dispatcher.token })).status,
    ).toBe(403);
    const verified = await api<{ status: string }>(server, 'POST', `/api/v1/patients/${row?.id}/verify`, {
      token: w.gatekeeperA.token,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('active');
    expect(
      (await api(server, 'POST', `/api/v1/patients/${row?.id}/verify`, { token: w.gatekeeperA.token }))
        .status,
    ).toBe(409);

    await api(server, 'POST', '/api/v1/requests/generate', {
      token: w.gatekeeperA.token,
      body: { date: tuesday, compoundId: w.compoundA.id },
    });
    expect(
      await w.db
        .select()
        .from(requests)
        .where(eq(requests.patientId, row?.id ?? '')),
    ).toHaveLength(1);
  });

  it('lets the gatekeeper reject with a reason', async () => {
    const body = form({ name: '冒名者' });
    await submit(w.compoundA.selfRegistrationToken, body, freshIp());
    const [row] = await w.db.select().from(patients).where(eq(patients.nationalId, body.nationalId));
    const noReason = await api(server, 'POST', `/api/v1/patients/${row?.id}/reject`, {
      token: w.gatekeeperA.token,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const rejected = await api<{ status: string; rejectionReason: string }>(
      server,
      'POST',
      `/api/v1/patients/${row?.id}/reject`,
      {
        token: w.gatekeeperA.token,
        body: { reason: '非本小区住户' },
      },
    );
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '非本小区住户' });
  });

  it('answers a duplicate ID with 409 and never reveals the other record; requires consent', async () => {
    const body = form();
    expect((await submit(w.compoundB.selfRegistrationToken, body, freshIp())).status).toBe(202);
    const again = await submit(w.compoundA.selfRegistrationToken, { ...body, name: '别人' }, freshIp());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate_patient');
    expect(again.body.existingPatientId).toBeUndefined();

    const { consent: _c, ...noConsent } = form();
    const missing = await submit(w.compoundA.selfRegistrationToken, noConsent, freshIp());
    expect(missing.status).toBe(400);
    expect(missing.body.issues?.map((i) => i.path)).toEqual(['body.consent']);
    const badId = await submit(
      w.compoundA.selfRegistrationToken,
      form({ nationalId: '110101199003071234' }),
      freshIp(),
    );
    expect(badId.status).toBe(400);
  });

  it('allows 5 submissions per 10 minutes from one address, then 429 with Retry-After', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await submit(w.compoundB.selfRegistrationToken, form(), ip);
      expect(res.status).toBe(202);
    }
    const sixth = await submit(w.compoundB.selfRegistrationToken, form(), ip);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('too_many_requests');
    const sixthRaw = await fetch(
      `${server.url}/api/v1/self-registration/${w.compoundB.selfRegistrationToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(form()),
      },
    );
    expect(Number(sixthRaw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit(w.compoundB.selfRegistrationToken, form(), freshIp())).status).toBe(202);
  });
});

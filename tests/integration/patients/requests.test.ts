import { patients, requests } from '@lastmeter/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from './world.ts';

let server: TestServer;
let w: World;

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The next Monday at least a week ahead, and the days after it. */
const monday = (() => {
  const t = Date.now() + 7 * DAY;
  const wd = new Date(t).getUTCDay();
  return t + ((8 - wd) % 7) * DAY;
})();
const week = Array.from({ length: 7 }, (_, i) => iso(monday + i * DAY));

interface RequestView {
  patientId: string;
  patientName: string;
  service: string;
  date: string;
  windowStart: string;
  windowEnd: string;
  returnMode: string;
  treatmentMinutes: number | null;
  hospitalId: string | null;
  urgency: string;
  source: string;
}

const ids: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
  const register = async (key: string, body: Record<string, unknown>) => {
    const res = await api<{ id: string }>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body: patientBody(body),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  };
  await register('dialysis', { name: '周一三五', regularHospitalId: w.hospital.id });
  await register('chemo', {
    name: '化疗甲',
    needs: [
      {
        kind: 'chemotherapy',
        schedule: { dates: [week[1], week[3]], startTime: '09:30', sessionMinutes: 180 },
      },
    ],
  });
  await register('pregnancy', {
    name: '孕妇乙',
    nationalId: validNationalId('1993-05-05', 'female'),
    needs: [
      {
        kind: 'pregnancy',
        schedule: { dueDate: iso(monday + 60 * DAY), visits: [{ date: week[0], startTime: '10:00' }] },
      },
    ],
  });
  await register('delivery', {
    name: '送药丙',
    needs: [
      {
        kind: 'chronic',
        schedule: { medicineDelivery: true, visits: [{ date: week[0], startTime: '10:00' }] },
      },
    ],
  });
  await register('archived', { name: '已归档' });
  await api(server, 'POST', `/api/v1/patients/${ids.archived}/archive`, { token: w.gatekeeperA.token });
});
afterAll(() => server.stop());

const generate = (
  date: string,
  token = w.dispatcher.token,
  scope: Record<string, string> = { districtId: w.district.id },
) =>
  api<{ created: number; total: number; code?: string }>(server, 'POST', '/api/v1/requests/generate', {
    token,
    body: { date, ...scope },
  });

describe("generating the day's requests from the schedules", () => {
  it('gives the Mon/Wed/Fri dialysis patient requests on exactly those days', async () => {
    // Thursday is left for the pending-patient case below.
    for (const date of week.filter((_, i) => i !== 3)) await generate(date);
    const rows = await w.db
      .select()
      .from(requests)
      .where(eq(requests.patientId, ids.dialysis ?? ''));
    expect(rows.map((r) => r.date).sort()).toEqual([week[0], week[2], week[4]]);
    expect(
      rows.every(
        (r) => r.treatmentMinutes === 240 && r.returnMode === 'fixed' && r.hospitalId === w.hospital.id,
      ),
    ).toBe(true);
  });

  it('is idempotent: a second run creates nothing and leaves the same count', async () => {
    const first = await generate(week[0] ?? '');
    const before = (await w.db.select({ n: count() }).from(requests))[0]?.n;
    const second = await generate(week[0] ?? '');
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(0);
    expect(second.body.total).toBe(first.body.total);
    expect((await w.db.select({ n: count() }).from(requests))[0]?.n).toBe(before);
  });

  it('puts the arrival window before the start time in Asia/Shanghai; prenatal visits are will-call; medicine delivery makes no trip', async () => {
    const res = await api<RequestView[]>(
      server,
      'GET',
      `/api/v1/requests?date=${week[0]}&compoundId=${w.compoundA.id}`,
      {
        token: w.gatekeeperA.token,
      },
    );
    expect(res.status).toBe(200);
    const byPatient = new Map(res.body.map((r) => [r.patientId, r]));
    expect(byPatient.get(ids.dialysis ?? '')).toMatchObject({
      service: 'dialysis',
      windowStart: new Date(`${week[0]}T06:30:00+08:00`).toISOString(),
      windowEnd: new Date(`${week[0]}T07:00:00+08:00`).toISOString(),
      patientName: '周一三五',
    });
    expect(byPatient.get(ids.pregnancy ?? '')).toMatchObject({
      service: 'obstetrics',
      returnMode: 'will_call',
      treatmentMinutes: null,
    });
    expect(byPatient.has(ids.delivery ?? '')).toBe(false);
    expect(byPatient.has(ids.archived ?? '')).toBe(false);
    expect(byPatient.has(ids.chemo ?? '')).toBe(false);

    const tuesday = await api<RequestView[]>(server, 'GET', `/api/v1/requests?date=${week[1]}`, {
      token: w.dispatcher.token,
    });
    expect(tuesday.body.map((r) => [r.service, r.treatmentMinutes, r.patientName])).toEqual([
      ['oncology', 180, '化*甲'],
    ]);
  });

  it('skips pending patients, and only dispatch may generate a whole district', async () => {
    await w.db
      .update(patients)
      .set({ status: 'pending' })
      .where(eq(patients.id, ids.chemo ?? ''));
    const gatekeeperDistrict = await generate(week[3] ?? '', w.gatekeeperA.token);
    expect(gatekeeperDistrict.status).toBe(403);
    const gatekeeperCompound = await generate(week[3] ?? '', w.gatekeeperA.token, {
      compoundId: w.compoundA.id,
    });
    expect(gatekeeperCompound.status).toBe(200);
    const rows = await w.db
      .select()
      .from(requests)
      .where(eq(requests.patientId, ids.chemo ?? ''));
    expect(rows.map((r) => r.date)).toEqual([week[1]]);
    const other = await generate(week[3] ?? '', w.farDispatcher.token);
    expect(other.status).toBe(403);
    const neither = await api<{ issues: Array<{ path: string }> }>(
      server,
      'POST',
      '/api/v1/requests/generate',
      {
        token: w.admin.token,
        body: { date: week[0] },
      },
    );
    expect(neither.status).toBe(400);
    await w.db
      .update(patients)
      .set({ status: 'active' })
      .where(eq(patients.id, ids.chemo ?? ''));
  });
});

describe('one-off and emergency requests', () => {
  it('a gatekeeper raises an emergency: window from now, will-call return', async () => {
    const res = await api<RequestView>(server, 'POST', `/api/v1/patients/${ids.dialysis}/requests`, {
      token: w.gatekeeperA.token,
      body: { urgency: 'emergency', service: 'emergency' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      urgency: 'emergency',
      returnMode: 'will_call',
      source: 'emergency',
      hospitalId: w.hospital.id,
    });
    expect(new Date(res.body.windowEnd).getTime() - new Date(res.body.windowStart).getTime()).toBe(
      60 * 60_000,
    );
  });

  it('a dispatcher books a one-off visit with a fixed return; bad windows are refused', async () => {
    const start = `${week[5]}T08:30:00+08:00`;
    const res = await api<RequestView>(server, 'POST', `/api/v1/patients/${ids.dialysis}/requests`, {
      token: w.dispatcher.token,
      body: {
        urgency: 'scheduled',
        service: 'general',
        windowStart: start,
        windowEnd: `${week[5]}T09:00:00+08:00`,
        treatmentMinutes: 45,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      date: week[5],
      returnMode: 'fixed',
      treatmentMinutes: 45,
      source: 'one_off',
      patientName: '周**五',
    });
    const noWindow = await api<{ issues: Array<{ path: string }> }>(
      server,
      'POST',
      `/api/v1/patients/${ids.dialysis}/requests`,
      {
        token: w.dispatcher.token,
        body: { urgency: 'scheduled', service: 'general', treatmentMinutes: 45 },
      },
    );
    expect(noWindow.body.issues.map((i) => i.path)).toEqual(['body.windowStart', 'body.windowEnd']);
    const backwards = await api(server, 'POST', `/api/v1/patients/${ids.dialysis}/requests`, {
      token: w.dispatcher.token,
      body: {
        urgency: 'scheduled',
        service: 'general',
        windowStart: start,
        windowEnd: `${week[5]}T08:00:00+08:00`,
        treatmentMinutes: 45,
      },
    });
    expect(backwards.status).toBe(400);
    const archived = await api(server, 'POST', `/api/v1/patients/${ids.archived}/requests`, {
      token: w.gatekeeperA.token,
      body: { urgency: 'emergency', service: 'emergency' },
    });
    expect(archived.status).toBe(409);
  });
});

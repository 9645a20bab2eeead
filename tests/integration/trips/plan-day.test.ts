import { requests } from '@lastmeter/db';
import type { PlanDayResult, Problem, RequestView, TripView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createHospitalSlot,
  createPatient,
  createRequest,
  validNationalId,
} from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, planTheDay, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('plan the day', () => {
  it('creates the round trips of the day’s requests that have none, then plans them all in one click', async () => {
    const w = await tripWorld(server);
    const second = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
      regularHospitalId: w.hospital.id,
    });
    const first = await createRequest(w.db, w.patient.id, { date: DAY });
    const later = await createRequest(w.db, second.id, { date: DAY });
    // No hospital of the district treats obstetrics: this one cannot get a round trip.
    const third = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
    });
    const orphan = await createRequest(w.db, third.id, { date: DAY, service: 'obstetrics' });

    const plan = await planTheDay(server, w);
    expect(plan.trips.created).toBe(2);
    expect(plan.trips.unmatched).toEqual([
      { requestId: orphan.id, reason: expect.objectContaining({ code: expect.any(String) }) },
    ]);
    expect(plan.unserved).toEqual([]);
    expect(plan.served).toHaveLength(4);

    const requests = await api<RequestView[]>(
      server,
      'GET',
      `/api/v1/requests?date=${DAY}&districtId=${w.district.id}`,
      {
        token: w.dispatcher.token,
      },
    );
    const status = new Map(requests.body.map((r) => [r.id, r.status]));
    expect(status.get(first.id)).toBe('planned');
    expect(status.get(later.id)).toBe('planned');
    expect(status.get(orphan.id)).toBe('unserved');

    // A second click creates nothing new and keeps the plan.
    const again = await planTheDay(server, w);
    expect(again.trips.created).toBe(0);
    expect(again.served).toHaveLength(4);
  });
});

describe('a round trip for an appointment already past', () => {
  /**
   * The server's clock stands at noon today in the city (tests/support/clock.ts): "an hour ago" is
   * then today's, whatever hour the test runs at.
   */
  const noon = () => {
    const at = Date.parse(`${shanghaiToday()}T12:00:00+08:00`);
    server.clock.set(new Date(at));
    return at;
  };
  afterEach(() => server.clock.reset());

  it('"plan the day" settles a request entered after its appointment as unserved, reporting window_passed', async () => {
    const w = await tripWorld(server, { shift: ['00:00', '23:59'] });
    const today = shanghaiToday();
    const now = noon();
    const past = await createRequest(w.db, w.patient.id, {
      date: today,
      windowStart: new Date(now - 90 * 60_000),
      windowEnd: new Date(now - 60 * 60_000),
    });
    const plan = await api<PlanDayResult>(server, 'POST', `/api/v1/districts/${w.district.id}/plan`, {
      token: w.dispatcher.token,
      body: { date: today, seed: 1, iterations: 5 },
    });
    expect(plan.status).toBe(200);
    expect(plan.body.trips).toMatchObject({
      created: 0,
      unmatched: [{ requestId: past.id, reason: { code: 'window_passed', params: {} } }],
    });
    const [request] = await w.db.select().from(requests).where(eq(requests.id, past.id));
    expect(request).toMatchObject({ status: 'unserved', matchReason: { code: 'window_passed' } });
  });

  it('is refused with 400 naming windowEnd, in the caller’s language; an emergency of today is still taken', async () => {
    const w = await tripWorld(server, { shift: ['00:00', '23:59'] });
    const today = shanghaiToday();
    const now = noon();
    const past = await createRequest(w.db, w.patient.id, {
      date: today,
      windowStart: new Date(now - 90 * 60_000),
      windowEnd: new Date(now - 60 * 60_000),
    });
    const refused = await api<Problem>(server, 'POST', `/api/v1/requests/${past.id}/trip`, {
      token: w.dispatcher.token,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({
        path: 'windowEnd',
        code: 'appointment_passed',
        message: '预约时间已过，车辆已无法按时送达',
      }),
    ]);
    const english = await api<Problem>(server, 'POST', `/api/v1/requests/${past.id}/trip`, {
      token: w.dispatcher.token,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.issues?.[0]?.message).toMatch(/appointment has already passed/);

    for (let weekday = 1; weekday <= 7; weekday++)
      await createHospitalSlot(w.db, w.hospital.id, {
        service: 'emergency',
        weekday,
        startTime: '00:00',
        endTime: '23:59',
        capacity: 10,
      });
    const sick = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
    });
    const emergency = await createRequest(w.db, sick.id, {
      date: today,
      service: 'emergency',
      urgency: 'emergency',
      returnMode: 'will_call',
      treatmentMinutes: null,
      windowStart: new Date(now - 70 * 60_000),
      windowEnd: new Date(now - 10 * 60_000),
    });
    const taken = await api<TripView>(server, 'POST', `/api/v1/requests/${emergency.id}/trip`, {
      token: w.dispatcher.token,
    });
    expect(taken.status).toBe(201);
    expect(taken.body.requestId).toBe(emergency.id);
  });
});

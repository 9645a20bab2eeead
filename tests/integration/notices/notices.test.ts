import { notices } from '@lastmeter/db';
import { HttpSmsProvider } from '@lastmeter/server/domain/notices/http-sms-provider.ts';
import { createNoticeWorker } from '@lastmeter/server/domain/notices/notice-worker.ts';
import { queueEveningNotices } from '@lastmeter/server/domain/notices/queue-evening-notices.ts';
import { MAX_ATTEMPTS } from '@lastmeter/server/domain/notices/send-window.ts';
import { createLogger } from '@lastmeter/server/logger.ts';
import type { NoticeSettingsView, NoticeView, TripView } from '@lastmeter/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../support/calendar.ts';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { type GatewayAnswer, startSmsGateway } from '../../support/sms-gateway.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from '../trips/world.ts';
import { noticeTrip } from './notice-trip.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

const FAMILY = '13900001111';
/** The evening before the trip, 19:30 in the city: outside any quiet hours. */
const EVENING = new Date(`${addDays(DAY, -1)}T19:30:00+08:00`);
const HOUR = 3_600_000;

const bookedTrip = (w: TripWorld) => noticeTrip(server, w);

function worker(url: string) {
  return createNoticeWorker({
    db: server.app.db,
    provider: new HttpSmsProvider({
      url,
      key: 'test-key',
      signName: '最后一米',
      templates: { evening_before: 'SMS_1001' },
      timeoutMs: 5_000,
    }),
    logger: createLogger('silent'),
    timeZone: 'Asia/Shanghai',
    concurrency: 4,
  });
}

function noticesOf(tripId: string) {
  return server.app.db
    .select()
    .from(notices)
    .where(eq(notices.tripId, tripId))
    .orderBy(asc(notices.recipient));
}

async function settings(w: TripWorld, body: Record<string, unknown>) {
  const res = await api<NoticeSettingsView>(
    server,
    'PUT',
    `/api/v1/patients/${w.patient.id}/notice-settings`,
    {
      token: w.gatekeeper.token,
      body,
    },
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('trip notices', () => {
  it('sends the evening-before notice to the patient and the family through an SMS provider that rate-limits and fails, recording every attempt', async () => {
    const w = await tripWorld(server);
    expect(await settings(w, { familyPhone: FAMILY })).toMatchObject({
      familyPhone: '139****1111',
      optedOut: false,
    });
    const trip = await bookedTrip(w);
    expect(
      await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' }),
    ).toBeGreaterThanOrEqual(1);
    expect(await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' })).toBe(0);
    const queued = await noticesOf(trip.id);
    expect(queued.map((n) => [n.recipient, n.kind, n.status])).toEqual([
      ['patient', 'evening_before', 'queued'],
      ['family', 'evening_before', 'queued'],
    ]);
    expect(queued[0]?.body).toContain(w.hospital.name);

    const script: GatewayAnswer[] = [{ status: 429, retryAfter: '30' }, { status: 503 }];
    const gateway = await startSmsGateway((_req, i) => script[i] ?? { status: 200 });
    try {
      const sender = worker(gateway.url);
      expect(await sender.runOnce(EVENING)).toBe(2);
      const afterFirst = await noticesOf(trip.id);
      expect(afterFirst.map((n) => n.status)).toEqual(['failed', 'failed']);
      expect(await sender.runOnce(new Date(EVENING.getTime() + HOUR))).toBe(2);
      const sent = await noticesOf(trip.id);
      expect(sent.map((n) => n.status)).toEqual(['sent', 'sent']);
      expect(sent.map((n) => n.providerMessageId)).toEqual([
        expect.stringMatching(/^m-/),
        expect.stringMatching(/^m-/),
      ]);

      expect(gateway.requests).toHaveLength(4);
      const phones = gateway.requests.map((r) => r.body.phone).sort();
      expect(phones).toEqual([FAMILY, FAMILY, w.patient.phone, w.patient.phone].sort());
      for (const r of gateway.requests) {
        expect(r.authorization).toBe('Bearer test-key');
        expect(r.body).toMatchObject({ signName: '最后一米', templateId: 'SMS_1001' });
        expect(r.body.params).toMatchObject({ gate: w.compound.gate.name, hospital: w.hospital.name });
        expect(r.idempotencyKey).toBe(r.body.reference);
      }

      const seen = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?tripId=${trip.id}`, {
        token: w.gatekeeper.token,
      });
      expect(seen.status).toBe(200);
      const outcomes = seen.body.map((n) => n.history.map((a) => a.outcome)).sort();
      expect(outcomes).toEqual([
        ['failed', 'sent'],
        ['rate_limited', 'sent'],
      ]);
      expect(seen.body.map((n) => n.phone).sort()).toEqual(
        [`${w.patient.phone.slice(0, 3)}****${w.patient.phone.slice(-4)}`, '139****1111'].sort(),
      );
      expect(JSON.stringify(seen.body)).not.toContain(FAMILY);
      expect(JSON.stringify(seen.body)).not.toContain(w.patient.phone);
    } finally {
      await gateway.close();
    }
  });

  it('waits out the quiet hours, gives up on a refusal or after too many failures, and skips a household that opted out', async () => {
    const w = await tripWorld(server);
    // Quiet until 05:00 on the trip's day, well before its pickup (the appointment is at 07:00).
    await settings(w, { quietStart: '22:00', quietEnd: '05:00' });
    const trip = await bookedTrip(w);
    await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const gateway = await startSmsGateway(() => ({ status: 503 }));
    try {
      const sender = worker(gateway.url);
      const late = new Date(`${addDays(DAY, -1)}T23:00:00+08:00`);
      await sender.runOnce(late);
      const [deferred] = await noticesOf(trip.id);
      expect(deferred).toMatchObject({ status: 'queued', attempts: 0 });
      expect(deferred?.nextAttemptAt.toISOString()).toBe(new Date(`${DAY}T05:00:00+08:00`).toISOString());
      expect(gateway.requests).toHaveLength(0);

      // Each round at the moment the last failure's backoff ends: retried, still before the pickup.
      let now = new Date(`${DAY}T05:00:00+08:00`);
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await sender.runOnce(now);
        const [after] = await noticesOf(trip.id);
        now = new Date(Math.max(now.getTime(), after?.nextAttemptAt.getTime() ?? 0));
      }
      const [givenUp] = await noticesOf(trip.id);
      expect(givenUp).toMatchObject({ status: 'given_up', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' });
      expect(gateway.requests).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await gateway.close();
    }

    // Quiet hours that end after the pickup: the evening notice would come too late, so it is not sent.
    const sleepy = await tripWorld(server);
    await settings(sleepy, { quietStart: '21:00', quietEnd: '09:00' });
    const sleepyTrip = await bookedTrip(sleepy);
    await queueEveningNotices({ db: sleepy.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const idle = await startSmsGateway(() => ({ status: 200 }));
    try {
      const sender = worker(idle.url);
      // At 22:00 the household's quiet hours would hold it until 09:00, past the pickup: it is not sent.
      await sender.runOnce(new Date(`${addDays(DAY, -1)}T22:00:00+08:00`));
      const [stale] = await noticesOf(sleepyTrip.id);
      expect(stale).toMatchObject({ status: 'skipped', lastError: 'too_late', attempts: 0 });
      expect(idle.requests.filter((r) => r.body.reference === stale?.id)).toEqual([]);
    } finally {
      await idle.close();
    }

    const refusing = await startSmsGateway(() => ({ status: 400, body: { code: 'INVALID_MOBILE' } }));
    try {
      const other = await tripWorld(server);
      const otherTrip = await bookedTrip(other);
      await queueEveningNotices({ db: other.db, date: DAY, timeZone: 'Asia/Shanghai' });
      await worker(refusing.url).runOnce(EVENING);
      const [refused] = await noticesOf(otherTrip.id);
      expect(refused).toMatchObject({
        status: 'given_up',
        attempts: 1,
        lastError: 'HTTP 400 INVALID_MOBILE',
      });
    } finally {
      await refusing.close();
    }

    const quiet = await tripWorld(server);
    const settingsRes = await api<NoticeSettingsView>(
      server,
      'PUT',
      `/api/v1/patients/${quiet.patient.id}/notice-settings`,
      {
        token: quiet.gatekeeper.token,
        body: { optedOut: true },
      },
    );
    expect(settingsRes.body.optedOut).toBe(true);
    const quietTrip = await bookedTrip(quiet);
    await queueEveningNotices({ db: quiet.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const [skipped] = await noticesOf(quietTrip.id);
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'opted_out' });
  });

  it('writes "the car has set off" and "the car is at the gate" in the same transaction as the driver\'s step, and "cancelled" with the cancellation', async () => {
    const w = await tripWorld(server);
    const trip = await bookedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/en-route`, w.driver.token);
    expect((await noticesOf(trip.id)).map((n) => n.kind)).toEqual(['vehicle_departed']);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token);
    const kinds = (await noticesOf(trip.id)).map((n) => n.kind).sort();
    expect(kinds).toEqual(['vehicle_at_gate', 'vehicle_departed']);
    const atGate = (await noticesOf(trip.id)).find((n) => n.kind === 'vehicle_at_gate');
    expect(atGate?.body).toContain(w.vehicle.plate);

    const second = await bookedTrip(await tripWorld(server));
    const cancelWorld = await tripWorld(server);
    const cancelled = await bookedTrip(cancelWorld);
    await ok(server, `/api/v1/legs/${cancelled.outbound.id}/cancel`, cancelWorld.dispatcher.token, {
      reason: '患者住院',
    });
    expect((await noticesOf(cancelled.id)).map((n) => n.kind)).toEqual(['trip_cancelled']);
    expect(await noticesOf(second.id)).toEqual([]);
  });

  it('skips, and says so, a patient without consent on record', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const [skipped] = await noticesOf(trip.id);
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'no_consent' });
  });

  it('shows notices only within scope and names a bad setting', async () => {
    const w = await tripWorld(server);
    await bookedTrip(w);
    await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const own = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?compoundId=${w.compound.id}`, {
      token: w.gatekeeper.token,
    });
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThanOrEqual(1);
    expect(own.body[0]?.patient).toBe('王*国');
    const district = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?districtId=${w.district.id}`, {
      token: w.dispatcher.token,
    });
    expect(district.status).toBe(200);
    expect(
      (
        await api(server, 'GET', `/api/v1/notices?compoundId=${w.compound.id}`, {
          token: w.otherGatekeeper.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(server, 'GET', `/api/v1/notices?districtId=${w.district.id}`, {
          token: w.hospitalDesk.token,
        })
      ).status,
    ).toBe(403);
    const household = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?patientId=${w.patient.id}`, {
      token: w.gatekeeper.token,
    });
    expect(household.status).toBe(200);
    expect(household.body.map((n) => [n.patientId, n.kind])).toEqual([[w.patient.id, 'evening_before']]);
    expect(
      (
        await api(server, 'GET', `/api/v1/notices?patientId=${w.patient.id}`, {
          token: w.otherGatekeeper.token,
        })
      ).status,
    ).toBe(404);
    expect((await api(server, 'GET', '/api/v1/notices', { token: w.gatekeeper.token })).status).toBe(400);
    const bad = await api<{ issues: Array<{ path: string }> }>(
      server,
      'PUT',
      `/api/v1/patients/${w.patient.id}/notice-settings`,
      {
        token: w.gatekeeper.token,
        body: { familyPhone: '12345', quietStart: '25:00' },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(['body.familyPhone', 'body.quietStart']);
    const outsider = await api(server, 'PUT', `/api/v1/patients/${w.patient.id}/notice-settings`, {
      token: w.otherGatekeeper.token,
      body: { optedOut: true },
    });
    expect(outsider.status).toBe(404);
  });
});

import { Writable } from 'node:stream';
import { notices } from '@lastmeter/db';
import { queueEveningNotices } from '@lastmeter/server/domain/notices/queue-evening-notices.ts';
import { createLogger } from '@lastmeter/server/logger.ts';
import { loadNoticeConfig } from '@lastmeter/server/notice-config.ts';
import type { NoticeView } from '@lastmeter/shared';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { type GatewayAnswer, type GatewayRequest, startSmsGateway } from '../../support/sms-gateway.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from '../trips/world.ts';
import { noticeTrip } from './notice-trip.ts';

const FAMILY = '13900002222';

/** Every line the server logs, to prove no phone number is ever among them. */
let logged = '';
const sink = new Writable({
  write(chunk, _encoding, done) {
    logged += String(chunk);
    done();
  },
});

// A local HTTP server that behaves like an SMS provider: slows the first "car set off" message down
// with a 429, accepts everything else. The server under test reaches it only through its environment
// (README "Text notices").
let limited = false;
function answer(request: GatewayRequest): GatewayAnswer {
  if (request.body.templateId !== 'SMS_2002' || limited) return { status: 200 };
  limited = true;
  return { status: 429, retryAfter: '1' };
}
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let server: TestServer;
beforeAll(async () => {
  gateway = await startSmsGateway(answer);
  const notices = loadNoticeConfig({
    NOTICE_PROVIDER: 'http',
    SMS_URL: gateway.url,
    SMS_KEY: 'env-key',
    SMS_SIGN_NAME: '最后一米测试',
    SMS_TEMPLATES: 'vehicle_departed=SMS_2002, trip_changed=SMS_2005',
  });
  server = await startTestServer(
    { notices: { ...notices, pollMs: 100 }, logLevel: 'info' },
    undefined,
    createLogger('info', 'json', sink),
  );
});
beforeEach(() => server.clock.reset());
afterAll(async () => {
  await server.stop();
  await gateway.close();
});

const bookedTrip = (w: TripWorld) => noticeTrip(server, w);

function noticesOf(tripId: string) {
  return server.app.db
    .select()
    .from(notices)
    .where(eq(notices.tripId, tripId))
    .orderBy(asc(notices.createdAt), asc(notices.recipient));
}

describe('trip notices from the server', () => {
  it('"trip changed" when the pickup the household was told moves by 10 minutes or more, "return booked" when the return gets its car', async () => {
    const w = await tripWorld(server);
    const trip = await bookedTrip(w);
    await queueEveningNotices({ db: w.db, date: DAY, timeZone: 'Asia/Shanghai' });
    const [evening] = await noticesOf(trip.id);
    const told = evening?.params.pickupAt ?? '';
    expect(told).not.toBe('');

    // Five minutes is not worth a message; twenty is.
    const reassign = (minutes: number) =>
      ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
        vehicleId: w.vehicle.id,
        pickupAt: new Date(Date.parse(told) - minutes * 60_000).toISOString(),
        override: { rules: ['time_window'], reason: '家属要求提前' },
      });
    await reassign(5);
    expect((await noticesOf(trip.id)).map((n) => n.kind)).toEqual(['evening_before']);
    await reassign(20);
    const changed = (await noticesOf(trip.id)).filter((n) => n.kind === 'trip_changed');
    expect(changed).toHaveLength(1);
    const newTime = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(Date.parse(told) - 20 * 60_000));
    expect(changed[0]?.body).toContain(newTime);
    expect(changed[0]?.body).toContain(w.compound.gate.name);
    // Told the new time, a move back within 10 minutes of it is quiet again.
    await reassign(25);
    expect((await noticesOf(trip.id)).filter((n) => n.kind === 'trip_changed')).toHaveLength(1);

    await ok(server, `/api/v1/legs/${trip.return.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const booked = (await noticesOf(trip.id)).filter((n) => n.kind === 'return_booked');
    expect(booked).toHaveLength(1);
    expect(booked[0]?.body).toContain(w.vehicle.plate);
    expect(booked[0]?.body).toContain(w.hospital.name);
  });

  it('sends "the car has set off" through the SMS provider set in the environment, to the patient and the family, and never logs a phone number', async () => {
    const w = await tripWorld(server);
    const settings = await api(server, 'PUT', `/api/v1/patients/${w.patient.id}/notice-settings`, {
      token: w.gatekeeper.token,
      body: { familyPhone: FAMILY },
    });
    expect(settings.status).toBe(200);
    const trip = await bookedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/en-route`, w.driver.token);

    // The server's own worker sends them after the step's commit; the first try meets a 429.
    await expect
      .poll(
        async () =>
          (
            await server.app.db
              .select({ status: notices.status })
              .from(notices)
              .where(and(eq(notices.tripId, trip.id), eq(notices.kind, 'vehicle_departed')))
          ).map((n) => n.status),
        { timeout: 60_000, interval: 200 },
      )
      .toEqual(['sent', 'sent']);
    const departed = gateway.requests.filter((r) => r.body.templateId === 'SMS_2002');
    expect(departed).toHaveLength(3);
    expect([...new Set(departed.map((r) => r.body.phone))].sort()).toEqual([FAMILY, w.patient.phone].sort());
    for (const r of departed) {
      expect(r.authorization).toBe('Bearer env-key');
      expect(r.body).toMatchObject({ signName: '最后一米测试', params: { plate: w.vehicle.plate } });
    }
    const seen = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?tripId=${trip.id}`, {
      token: w.dispatcher.token,
    });
    expect(seen.body.map((n) => n.history.map((a) => a.outcome)).sort()).toEqual([
      ['rate_limited', 'sent'],
      ['sent'],
    ]);

    expect(logged).toContain('"msg"');
    expect(logged).not.toContain(w.patient.phone);
    expect(logged).not.toContain(FAMILY);
    expect(logged).not.toContain(w.patient.nationalId);
  });
});

import {
  type CityInfo,
  cityDayStart,
  isoWeekdayOf,
  type LegView,
  type PlanDayResult,
  type Problem,
  type RequestView,
  type TripView,
} from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cityAt, cityToday } from '../../support/calendar.ts';
import { createHospitalSlot, recordConsent } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { ok, tripWorld } from './world.ts';

/**
 * The city's day is the server's `TIME_ZONE`, not Shanghai's nor the machine's (shared/src/city-time.ts):
 * the same booking of "tomorrow" runs in a city west of Greenwich with daylight saving and in one
 * fourteen hours ahead of UTC, where the dates differ from Shanghai's for most of the day.
 */
describe.each(['America/New_York', 'Pacific/Kiritimati'])('a city on %s time', (zone) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ timeZone: zone });
  });
  afterAll(() => server.stop());

  it('books tomorrow on the city clock: the request’s day, the hospital slot, the plan and the driver’s day', async () => {
    expect((await api<CityInfo>(server, 'GET', '/api/v1/city')).body).toEqual({ timeZone: zone });

    const tomorrow = addDays(cityToday(server.clock.now(), zone), 1);
    const w = await tripWorld(server);
    // tripWorld's hospital treats dialysis on Wednesdays, 07:00–12:00 on the city's clock.
    if (isoWeekdayOf(tomorrow) !== 3)
      await createHospitalSlot(w.db, w.hospital.id, { weekday: isoWeekdayOf(tomorrow) });
    // A request for care is taken only with the family's consent on record.
    await recordConsent(w.db, w.patient.id);

    const request = await api<RequestView>(server, 'POST', `/api/v1/patients/${w.patient.id}/requests`, {
      token: w.dispatcher.token,
      body: {
        urgency: 'scheduled',
        service: 'dialysis',
        windowStart: cityAt(tomorrow, '06:30', zone).toISOString(),
        windowEnd: cityAt(tomorrow, '07:00', zone).toISOString(),
        treatmentMinutes: 240,
      },
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    expect(request.body.date).toBe(tomorrow);

    // The 07:00 slot is the city's 07:00: the appointment falls in it.
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.body.id}/trip`, w.dispatcher.token);
    expect(trip.hospitalId).toBe(w.hospital.id);
    const plan = await ok<PlanDayResult>(
      server,
      `/api/v1/districts/${w.district.id}/plan`,
      w.dispatcher.token,
      {
        date: tomorrow,
        seed: 1,
        iterations: 30,
      },
    );
    expect(plan.served.map((s) => s.legId).sort()).toEqual([trip.outbound.id, trip.return.id].sort());

    // Today the job waits for tomorrow's midnight in the city.
    const early = await api<Problem & { rule?: string; opensAt?: string }>(
      server,
      'POST',
      `/api/v1/legs/${trip.outbound.id}/accept`,
      { token: w.driver.token, body: {} },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      rule: 'another_day',
      opensAt: cityDayStart(tomorrow, zone).toISOString(),
    });

    // At 05:00 tomorrow the driver takes it on, and dispatch's board shows that day by default.
    server.clock.set(cityAt(tomorrow, '05:00', zone));
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    const board = await api<LegView[]>(server, 'GET', `/api/v1/districts/${w.district.id}/legs`, {
      token: w.dispatcher.token,
    });
    expect(board.status).toBe(200);
    expect(board.body.find((l) => l.id === trip.outbound.id)).toMatchObject({
      date: tomorrow,
      status: 'accepted',
    });
  });
});

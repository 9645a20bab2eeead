import { drivers, legs, queryRows } from '@lastmeter/db';
import { planDemoDays } from '@lastmeter/server/demo/plan-demo-days.ts';
import { seedDemoCity } from '@lastmeter/server/demo/seed-demo-city.ts';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { hashPassword } from '@lastmeter/server/domain/auth/password.ts';
import { declineJob } from '@lastmeter/server/domain/trips/decline-job.ts';
import type { Problem, TripView } from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, CITY_TIME_ZONE, cityToday } from '../../support/calendar.ts';
import { createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('the schedule gate on manual assignment', () => {
  it('refuses a stretcher or an emergency on a volunteer car and a wheelchair without a place: 409 naming rule, vehicle and leg, nothing written', async () => {
    const w = await tripWorld(server);
    const cases = [
      { mobility: 'stretcher' as const, urgency: 'scheduled' as const, rule: 'vehicle_kind' },
      { mobility: 'walk' as const, urgency: 'emergency' as const, rule: 'vehicle_kind' },
      { mobility: 'wheelchair' as const, urgency: 'scheduled' as const, rule: 'capacity_wheelchair' },
    ];
    for (const c of cases) {
      const patient = await createPatient(w.db, w.compound.id, {
        nationalId: validNationalId(),
        gateId: w.compound.gate.id,
        regularHospitalId: w.hospital.id,
        mobility: c.mobility,
      });
      const request = await createRequest(w.db, patient.id, { date: DAY, urgency: c.urgency });
      const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
      const refused = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.outbound.id}/assign`, {
        token: w.dispatcher.token,
        body: { vehicleId: w.vehicle.id },
        headers: { 'accept-language': 'en' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'schedule_rule',
        rule: c.rule,
        soft: false,
        vehicleId: w.vehicle.id,
        legIds: [trip.outbound.id],
      });
      expect(String(refused.body.detail)).toContain(w.vehicle.plate);
      // A hard rule yields to no override.
      const overridden = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.outbound.id}/assign`, {
        token: w.dispatcher.token,
        body: { vehicleId: w.vehicle.id, override: { rules: ['time_window'], reason: '调度坚持' } },
      });
      expect(overridden.body).toMatchObject({ code: 'schedule_rule', rule: c.rule });
      const [row] = await w.db.select().from(legs).where(eq(legs.id, trip.outbound.id));
      expect(row).toMatchObject({ status: 'planned', vehicleId: null });
    }
  });
});

describe('re-plans on a fresh demo city', () => {
  it('re-plans ten driver declines in a row without a booking conflict; every booked time lies ahead', async () => {
    // The demo city is seeded only into an empty database: a server of its own.
    const demo = await startTestServer();
    const db = demo.app.db;
    const date = addDays(cityToday(), 7);
    const now = new Date(`${date}T05:30:00+08:00`);
    const city = await seedDemoCity({ db, hashPassword, now });
    await planDemoDays({ db, districtId: city.districtId, now, timeZone: CITY_TIME_ZONE, iterations: 300 });
    const assigned = await queryRows<{ id: string; vehicle_id: string }>(
      db,
      sql`select id, vehicle_id from legs where status = 'assigned' order by planned_pickup_at, id limit 10`,
    );
    expect(assigned).toHaveLength(10);
    const session = { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(8.64e15) };
    for (const leg of assigned) {
      const [driver] = await db.select().from(drivers).where(eq(drivers.vehicleId, leg.vehicle_id));
      const actor = await loadActor(db, driver?.accountId ?? '', session, '127.0.0.1');
      if (!actor) throw new Error('no driver');
      const after = await declineJob({
        db,
        actor,
        legId: leg.id,
        input: { reason: '车况不佳' },
        now,
        timeZone: CITY_TIME_ZONE,
      });
      // Re-planned elsewhere, or waiting for dispatch — never back on the vehicle that declined it.
      expect(after.vehicle?.id).not.toBe(leg.vehicle_id);
    }
    const [past] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from legs where status = 'assigned' and planned_pickup_at < ${now.toISOString()}::timestamptz`,
    );
    expect(past?.n).toBe(0);
    await demo.stop();
  }, 300_000);
});

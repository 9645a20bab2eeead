import { randomUUID } from 'node:crypto';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { createRoundTrip } from '@lastmeter/server/domain/trips/create-round-trip.ts';
import { planDistrictDay } from '@lastmeter/server/domain/trips/plan-district-day.ts';
import type { LegView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TIME_ZONE } from '../../support/calendar.ts';
import {
  createAccount,
  createHospitalSlot,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

/**
 * A fixed Wednesday far ahead and a fixed "now" on it (09:00 in Shanghai), injected into the use cases
 * that read the clock: the test never depends on the time of day it runs at.
 */
const DATE = '2030-01-16';
const WEEKDAY = 3;
const NOW = new Date('2030-01-16T09:00:00+08:00');
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);

/** The dispatcher as the use cases see them (same account, so the same scope as over HTTP). */
async function dispatcherActor(accountId: string) {
  const actor = await loadActor(
    server.app.db,
    accountId,
    { id: randomUUID(), expiresAt: new Date(NOW.getTime() + 3600_000) },
    '127.0.0.1',
  );
  if (!actor) throw new Error('dispatcher account missing');
  return actor;
}

describe('online changes to a running plan', () => {
  it('an emergency inserted into the running plan reaches a 120 driver, and nobody else’s jobs move', async () => {
    const w = await tripWorld(server, { shift: ['00:00', '23:59'] });
    const dispatcher = await dispatcherActor(w.dispatcher.id);
    await createHospitalSlot(w.db, w.hospital.id, {
      service: 'emergency',
      weekday: WEEKDAY,
      startTime: '00:00',
      endTime: '23:59',
      capacity: 50,
    });
    await createHospitalSlot(w.db, w.hospital.id, {
      service: 'dialysis',
      weekday: WEEKDAY,
      startTime: '00:00',
      endTime: '23:59',
      capacity: 50,
    });
    // The volunteer car runs all day; so does the 120 ambulance.
    const ambulance = await createVehicle(w.db, w.district.id, {
      kind: 'ambulance_120',
      stretchers: 1,
      shiftStart: '00:00',
      shiftEnd: '23:59',
    });
    const medic = await createAccount(w.db, 'driver', { vehicleId: ambulance.id });
    const medicClient = await connectClient(server, await loginAs(server, medic.username, medic.password));
    const volunteerClient = await connectClient(server, w.driver.token);
    clients.push(medicClient, volunteerClient);

    // A running plan: a scheduled trip three hours later that day on the volunteer car.
    const scheduled = await createRequest(w.db, w.patient.id, {
      date: DATE,
      windowStart: at(180),
      windowEnd: at(210),
      treatmentMinutes: 60,
    });
    await createRoundTrip({
      db: w.db,
      actor: dispatcher,
      requestId: scheduled.id,
      now: NOW,
      timeZone: CITY_TIME_ZONE,
    });
    const plan = await planDistrictDay({
      db: w.db,
      actor: dispatcher,
      districtId: w.district.id,
      input: { date: DATE, seed: 1, iterations: 30 },
      now: NOW,
      timeZone: CITY_TIME_ZONE,
    });
    expect(plan.served.map((s) => s.vehicleId)).toEqual([w.vehicle.id, w.vehicle.id]);
    await volunteerClient.waitFor((e) => e.length === 2);

    // An emergency, now.
    const sick = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
    });
    const emergency = await createRequest(w.db, sick.id, {
      date: DATE,
      service: 'emergency',
      urgency: 'emergency',
      windowStart: at(10),
      windowEnd: at(70),
      returnMode: 'will_call',
      treatmentMinutes: null,
    });
    const trip = await createRoundTrip({
      db: w.db,
      actor: dispatcher,
      requestId: emergency.id,
      now: NOW,
      timeZone: CITY_TIME_ZONE,
    });
    expect(trip.outbound).toMatchObject({
      status: 'assigned',
      vehicle: { id: ambulance.id, kind: 'ambulance_120' },
    });
    expect(trip.return).toMatchObject({ released: false, status: 'planned' });

    const job = await medicClient.waitFor((e) => e.some((x) => x.type === 'job.assigned'));
    expect(job.map((e) => [e.type, e.payload.legId])).toEqual([['job.assigned', trip.outbound.id]]);
    await settle();
    expect(volunteerClient.events.map((e) => e.type)).toEqual(['job.assigned', 'job.assigned']);
  });

  it('a declined job is re-planned onto another vehicle; with none free it waits, declined, for dispatch', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const alone = await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/decline`, w.driver.token, {
      reason: '车辆需要加油',
    });
    expect(alone).toMatchObject({ status: 'declined', vehicle: null });

    const spare = await createVehicle(w.db, w.district.id, { shiftStart: '05:00', shiftEnd: '20:00' });
    await createAccount(w.db, 'driver', { vehicleId: spare.id });
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const moved = await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/decline`, w.driver.token, {
      reason: '身体不适',
    });
    expect(moved).toMatchObject({ status: 'assigned', vehicle: { id: spare.id } });
    const history = await api<{ history: Array<{ to: string; note: string }> }>(
      server,
      'GET',
      `/api/v1/legs/${trip.outbound.id}`,
      { token: w.dispatcher.token },
    );
    expect(history.body.history.map((h) => h.to)).toEqual([
      'assigned',
      'declined',
      'assigned',
      'declined',
      'assigned',
    ]);
  });

  it('a breakdown takes the vehicle off, moves its legs to another vehicle and opens an incident', async () => {
    const w = await tripWorld(server);
    const spare = await createVehicle(w.db, w.district.id, { shiftStart: '05:00', shiftEnd: '20:00' });
    await createAccount(w.db, 'driver', { vehicleId: spare.id });
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const result = await ok<{
      unassigned: string[];
      reassigned: Array<{ legId: string; vehicleId: string }>;
      incident: { kind: string };
    }>(server, `/api/v1/vehicles/${w.vehicle.id}/breakdown`, w.driver.token, { note: '爆胎' });
    expect(result.unassigned).toEqual([trip.outbound.id]);
    expect(result.reassigned).toContainEqual({ legId: trip.outbound.id, vehicleId: spare.id });
    expect(result.incident.kind).toBe('breakdown');
    const other = await api(server, 'POST', `/api/v1/vehicles/${w.vehicle.id}/breakdown`, {
      token: w.otherDriver.token,
      body: {},
    });
    expect(other.status).toBe(404);
  });
});

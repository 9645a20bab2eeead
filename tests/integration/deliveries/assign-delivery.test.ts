import { auditLog, deliveries } from '@lastmeter/db';
import type { DeliveryView, DriverDeliveryView, Problem, TripView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, type TripWorld, tripWorld } from '../trips/world.ts';
import { prescribe } from './world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

/** A time of DAY in the city. */
const at = (time: string) => new Date(`${DAY}T${time}:00+08:00`).toISOString();

/** The delivery on success, the problem on a refusal (`status` is the delivery's, or the HTTP status). */
type Answer = Omit<DeliveryView, 'status'> & Omit<Problem, 'status'> & { status: unknown };

function assign(w: TripWorld, deliveryId: string, body: Record<string, unknown>, token = w.dispatcher.token) {
  return api<Answer>(server, 'POST', `/api/v1/deliveries/${deliveryId}/assign`, {
    token,
    body,
    headers: { 'accept-language': 'en' },
  });
}

/** A close contact brought home from the hospital in the world's car between `from` and `to` on DAY. */
async function closeContactHomeOnCar(w: TripWorld, from: string, to: string): Promise<string> {
  const patient = await createPatient(w.db, w.compound.id, {
    nationalId: validNationalId(),
    gateId: w.compound.gate.id,
    regularHospitalId: w.hospital.id,
    infectionClass: 'close_contact',
  });
  const request = await createRequest(w.db, patient.id, {
    date: DAY,
    windowStart: new Date(at('08:30')),
    windowEnd: new Date(at('09:00')),
    treatmentMinutes: 60,
  });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  const booked = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.return.id}/assign`, {
    token: w.dispatcher.token,
    body: {
      vehicleId: w.vehicle.id,
      pickupAt: at(from),
      dropoffAt: at(to),
      override: { rules: ['time_window', 'travel_time', 'ride_time'], reason: '回程时间由医院确定' },
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(200);
  return trip.return.id;
}

describe('dispatch assigns a medicine delivery by hand, through the schedule gate (issue 12)', () => {
  it('refuses the car while it brings a close contact home, naming the rule; books it later; moves it to another car', async () => {
    const w = await tripWorld(server);
    const dispatch = await connectClient(server, w.dispatcher.token);
    const driver = await connectClient(server, w.driver.token);
    clients.push(dispatch, driver);
    const parcel = await prescribe(server, w);
    expect(parcel.status).toBe('pending');
    const legId = await closeContactHomeOnCar(w, '11:00', '11:30');

    // Collected at the hospital's pharmacy while the close contact is aboard: never (rule 10).
    const refused = await assign(w, parcel.id, {
      vehicleId: w.vehicle.id,
      pickupAt: at('11:05'),
      version: parcel.version,
      override: { rules: ['time_window', 'travel_time'], reason: '测试药品同车规则' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'schedule_rule',
      rule: 'medicine_with_infection',
      soft: false,
      vehicleId: w.vehicle.id,
    });
    expect(refused.body.legIds).toEqual(expect.arrayContaining([legId, parcel.id]));
    expect(String(refused.body.detail)).toContain('does not carry medicines');
    const zh = await api<Problem>(server, 'POST', `/api/v1/deliveries/${parcel.id}/assign`, {
      token: w.dispatcher.token,
      body: { vehicleId: w.vehicle.id, pickupAt: at('11:05') },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.status).toBe(409);
    expect(String(zh.body.detail)).toContain('不能同时运送药品');
    // Nothing written: the parcel still waits, the override's audit row rolled back with it.
    const [row] = await w.db.select().from(deliveries).where(eq(deliveries.id, parcel.id));
    expect(row).toMatchObject({ status: 'pending', vehicleId: null, version: parcel.version });
    const overrides = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'delivery.override'), eq(auditLog.entityId, w.patient.id)));
    expect(overrides).toEqual([]);

    // After the close contact is home: the car takes the parcel, timed for the gate's window.
    const booked = await assign(w, parcel.id, { vehicleId: w.vehicle.id, pickupAt: at('13:00') });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    expect(booked.body).toMatchObject({
      status: 'assigned',
      vehicle: { id: w.vehicle.id, plate: w.vehicle.plate },
      plannedPickupAt: at('13:00'),
      unserved: null,
    });
    expect(Date.parse(booked.body.plannedDropoffAt ?? '')).toBeGreaterThan(Date.parse(at('13:00')));
    const mine = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.driver.token,
    });
    expect(mine.body.map((d) => d.id)).toEqual([parcel.id]);
    await driver.waitFor((events) =>
      events.some((e) => e.type === 'delivery.updated' && e.payload.reason === 'assigned'),
    );
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'delivery.assign'), eq(auditLog.entityId, w.patient.id)));
    expect(audit?.detail).toMatchObject({ deliveryId: parcel.id, vehicleId: w.vehicle.id });

    // Moved to a second car: the first car's driver hears it left, and it is the second car's now.
    const van = await createVehicle(w.db, w.district.id, {
      kind: 'requisitioned',
      shiftStart: '05:00',
      shiftEnd: '20:00',
    });
    await createAccount(w.db, 'driver', { vehicleId: van.id });
    const moved = await assign(w, parcel.id, { vehicleId: van.id, version: booked.body.version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.vehicle?.id).toBe(van.id);
    await driver.waitFor((events) =>
      events.some(
        (e) =>
          e.type === 'delivery.updated' &&
          e.payload.previousVehicleId === w.vehicle.id &&
          (e.payload.vehicle as { id: string } | null)?.id === van.id,
      ),
    );
    const after = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.driver.token,
    });
    expect(after.body).toEqual([]);
  });

  it('without a time, books the collection in time for the gate’s window', async () => {
    const w = await tripWorld(server);
    const parcel = await prescribe(server, w, { dropoffHours: { from: '14:00', to: '16:00' } });
    const booked = await assign(w, parcel.id, { vehicleId: w.vehicle.id });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const dropoff = Date.parse(booked.body.plannedDropoffAt ?? '');
    expect(dropoff).toBeGreaterThanOrEqual(Date.parse(at('14:00')));
    expect(dropoff).toBeLessThanOrEqual(Date.parse(at('16:00')));
  });

  it('refuses an ambulance (rule 10), names a vehicle of another district, and a collected parcel stays', async () => {
    const w = await tripWorld(server);
    const parcel = await prescribe(server, w);
    const ambulance = await createVehicle(w.db, w.district.id, {
      kind: 'ambulance_120',
      stretchers: 1,
      shiftStart: '00:00',
      shiftEnd: '23:59',
    });
    await createAccount(w.db, 'driver', { vehicleId: ambulance.id });
    const byAmbulance = await assign(w, parcel.id, { vehicleId: ambulance.id, pickupAt: at('13:00') });
    expect(byAmbulance.status).toBe(409);
    expect(byAmbulance.body).toMatchObject({ code: 'schedule_rule', rule: 'ambulance_no_delivery' });

    for (const [locale, text] of [
      ['en', 'is not a vehicle of this district'],
      ['zh-CN', '不是本区的车辆'],
    ] as const) {
      const foreign = await api<Problem>(server, 'POST', `/api/v1/deliveries/${parcel.id}/assign`, {
        token: w.dispatcher.token,
        body: { vehicleId: w.otherVehicle.id },
        headers: { 'accept-language': locale },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.issues).toEqual([
        expect.objectContaining({ path: 'body.vehicleId', message: text }),
      ]);
    }
    const badBody = await assign(w, parcel.id, { vehicleId: 'car-1' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.issues).toEqual([expect.objectContaining({ path: 'body.vehicleId' })]);

    // Once the driver has the parcel in hand it stays with them.
    const booked = await assign(w, parcel.id, { vehicleId: w.vehicle.id, pickupAt: at('13:00') });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    server.clock.set(at('13:00'));
    try {
      const picked = await api(server, 'POST', `/api/v1/deliveries/${parcel.id}/pick-up`, {
        token: w.driver.token,
        body: {},
      });
      expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    } finally {
      server.clock.reset();
    }
    const collected = await assign(w, parcel.id, { vehicleId: w.vehicle.id });
    expect(collected.status).toBe(409);
    expect(collected.body).toMatchObject({ code: 'invalid_transition', from: 'picked_up' });
  });

  it('is dispatch’s alone: the gatekeeper and the driver may not, another district’s dispatch sees nothing', async () => {
    const w = await tripWorld(server);
    const parcel = await prescribe(server, w);
    const gate = await assign(w, parcel.id, { vehicleId: w.vehicle.id }, w.gatekeeper.token);
    expect(gate.status).toBe(403);
    const desk = await assign(w, parcel.id, { vehicleId: w.vehicle.id }, w.hospitalDesk.token);
    expect(desk.status).toBe(403);
    const other = await tripWorld(server);
    const outsider = await assign(w, parcel.id, { vehicleId: w.vehicle.id }, other.dispatcher.token);
    expect(outsider.status).toBe(404);
    const denied = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.outcome, 'denied'), eq(auditLog.entityId, w.patient.id)));
    expect(denied.length).toBeGreaterThanOrEqual(3);
    const [row] = await w.db.select().from(deliveries).where(eq(deliveries.id, parcel.id));
    expect(row).toMatchObject({ status: 'pending', vehicleId: null });
  });
});

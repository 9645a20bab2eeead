import type { IncidentView, LegView, Problem, TripView, Vehicle } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccount,
  createHospitalSlot,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, post, type TripWorld, tripWorld } from './world.ts';

/**
 * Emergencies in the live day: inserted at once on a 120 ambulance that is free — never inside the
 * disinfection after a close-contact passenger (rule 3) — or, when none can take it, left at the top
 * of dispatch's queue with the planner's coded reason, which an incident records.
 */
let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

/** 09:00 on DAY in the city: the emergencies happen then. */
const NINE = new Date(`${DAY}T09:00:00+08:00`);
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

async function emergencyFor(w: TripWorld, at: Date, infectionClass: 'normal' | 'close_contact' = 'normal') {
  const patient = await createPatient(w.db, w.compound.id, {
    nationalId: validNationalId(),
    gateId: w.compound.gate.id,
    infectionClass,
  });
  return createRequest(w.db, patient.id, {
    date: DAY,
    service: 'emergency',
    urgency: 'emergency',
    windowStart: minutesAfter(at, 10),
    windowEnd: minutesAfter(at, 70),
    returnMode: 'will_call',
    treatmentMinutes: null,
  });
}

async function emergencyWorld() {
  const w = await tripWorld(server, { shift: ['00:00', '23:59'] });
  await createHospitalSlot(w.db, w.hospital.id, {
    service: 'emergency',
    weekday: 3,
    startTime: '00:00',
    endTime: '23:59',
    capacity: 50,
  });
  return w;
}

describe('an emergency in the live day', () => {
  it('is never picked up by an ambulance still being disinfected after a close contact', async () => {
    const w = await emergencyWorld();
    const ambulance = await createVehicle(w.db, w.district.id, {
      kind: 'ambulance_120',
      stretchers: 1,
      shiftStart: '00:00',
      shiftEnd: '23:59',
      disinfectionMinutes: 30,
    });
    const medic = await createAccount(w.db, 'driver', { vehicleId: ambulance.id });
    const medicToken = await loginAs(server, medic.username, medic.password);

    // A close contact's emergency rides the ambulance to hospital.
    server.clock.set(NINE);
    const first = await emergencyFor(w, NINE, 'close_contact');
    const ride = await ok<TripView>(server, `/api/v1/requests/${first.id}/trip`, w.dispatcher.token);
    expect(ride.outbound.vehicle?.id).toBe(ambulance.id);
    await ok(server, `/api/v1/legs/${ride.outbound.id}/accept`, medicToken);
    await clockAtLeg(server, w, ride.outbound.id, 'pickup');
    await ok(server, `/api/v1/legs/${ride.outbound.id}/at-pickup`, medicToken);
    await ok(server, `/api/v1/legs/${ride.outbound.id}/out`, w.gatekeeper.token);
    const droppedAt = await clockAtLeg(server, w, ride.outbound.id, 'dropoff');
    await ok(server, `/api/v1/legs/${ride.outbound.id}/arrive`, medicToken);
    await ok(server, `/api/v1/legs/${ride.outbound.id}/arrived`, w.hospitalDesk.token);
    const vehicles = await api<Vehicle[]>(server, 'GET', `/api/v1/vehicles?districtId=${w.district.id}`, {
      token: w.dispatcher.token,
    });
    const disinfecting = vehicles.body.find((v) => v.id === ambulance.id);
    expect(disinfecting?.status).toBe('disinfecting');
    const cleanAt = Date.parse(disinfecting?.disinfectingUntil ?? '');
    expect(cleanAt).toBe(minutesAfter(droppedAt, 30).getTime());

    // Three minutes later a second emergency: the ambulance takes it only once it is clean.
    const now = minutesAfter(droppedAt, 3);
    server.clock.set(now);
    const second = await emergencyFor(w, now);
    const next = await ok<TripView>(server, `/api/v1/requests/${second.id}/trip`, w.dispatcher.token);
    expect(next.outbound.vehicle?.id).toBe(ambulance.id);
    expect(Date.parse(next.outbound.plannedPickupAt ?? '')).toBeGreaterThanOrEqual(cleanAt);

    // By hand, dispatch cannot book a pickup into the disinfection either, even overriding soft rules.
    const scheduled = await createRequest(w.db, w.patient.id, {
      date: DAY,
      windowStart: minutesAfter(now, 60),
      windowEnd: minutesAfter(now, 90),
      service: 'dialysis',
    });
    await createHospitalSlot(w.db, w.hospital.id, { weekday: 3, startTime: '00:00', endTime: '23:59' });
    const trip = await ok<TripView>(server, `/api/v1/requests/${scheduled.id}/trip`, w.dispatcher.token);
    const manual = await post<Problem & { rule?: string }>(
      server,
      `/api/v1/legs/${trip.outbound.id}/assign`,
      w.dispatcher.token,
      {
        vehicleId: ambulance.id,
        pickupAt: minutesAfter(now, 5).toISOString(),
        dropoffAt: minutesAfter(now, 25).toISOString(),
        override: { rules: ['ambulance_reserve', 'time_window'], reason: '救护车空闲，先接透析患者' },
      },
    );
    expect(manual.status).toBe(409);
    expect(manual.body).toMatchObject({ code: 'schedule_rule', rule: 'disinfection_gap' });
  });

  it('with no ambulance to take it, it waits at the top of the queue and an incident says why', async () => {
    const w = await emergencyWorld();
    const dispatch = await connectClient(server, w.dispatcher.token);
    clients.push(dispatch);
    server.clock.set(NINE);
    const request = await emergencyFor(w, NINE);
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    expect(trip.outbound.vehicle).toBeNull();
    expect(trip.unserved).toContainEqual({
      legId: trip.outbound.id,
      reason: { code: 'no_ambulance', params: {} },
    });

    // Dispatch hears of it live: the incident names the leg and the coded reason.
    const events = await dispatch.waitFor((e) => e.some((x) => x.type === 'incident.opened'));
    const opened = events.find((e) => e.type === 'incident.opened');
    expect(opened?.payload).toMatchObject({
      kind: 'other',
      legId: trip.outbound.id,
      detail: { kind: 'emergency_unserved', reason: { code: 'no_ambulance' }, requestId: request.id },
    });
    const open = await api<IncidentView[]>(
      server,
      'GET',
      `/api/v1/incidents?districtId=${w.district.id}&open=true`,
      { token: w.dispatcher.token },
    );
    expect(open.body.filter((i) => i.legId === trip.outbound.id)).toHaveLength(1);

    // Trying again changes nothing and opens no second incident while the first is open.
    const again = await ok<{ unserved: { legId: string; reason: { code: string } }[] }>(
      server,
      `/api/v1/trips/${trip.id}/insert`,
      w.dispatcher.token,
    );
    expect(again.unserved.find((u) => u.legId === trip.outbound.id)?.reason.code).toBe('no_ambulance');
    const still = await api<IncidentView[]>(
      server,
      'GET',
      `/api/v1/incidents?districtId=${w.district.id}&open=true`,
      { token: w.dispatcher.token },
    );
    expect(still.body.filter((i) => i.legId === trip.outbound.id)).toHaveLength(1);
    const leg = await api<LegView>(server, 'GET', `/api/v1/legs/${trip.outbound.id}`, {
      token: w.dispatcher.token,
    });
    expect(leg.body).toMatchObject({ status: 'planned', urgency: 'emergency', vehicle: null });
  });
});

import { endDisinfections } from '@lastmeter/server/domain/trips/end-disinfections.ts';
import type { TripView, Vehicle } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from './world.ts';

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

async function vehicleOf(w: TripWorld): Promise<Vehicle> {
  const res = await api<Vehicle[]>(server, 'GET', `/api/v1/vehicles?districtId=${w.district.id}`, {
    token: w.dispatcher.token,
  });
  const vehicle = res.body.find((v) => v.id === w.vehicle.id);
  if (!vehicle) throw new Error('vehicle not listed');
  return vehicle;
}

const statusEvents = (c: TestClient) =>
  c.events.filter((e) => e.type === 'vehicle.status_changed').map((e) => e.payload.status);

/** A round trip of `patientId` whose outbound leg is booked by hand on the world's car. */
async function bookedOutbound(w: TripWorld, patientId: string): Promise<string> {
  const request = await createRequest(w.db, patientId, { date: DAY });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
    vehicleId: w.vehicle.id,
  });
  return trip.outbound.id;
}

/** The driver drives the outbound leg; the gate lets the patient out; the hospital confirms arrival. */
async function drive(w: TripWorld, legId: string, after: { departed?: () => Promise<void> } = {}) {
  await clockAtLeg(server, w, legId);
  await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token);
  await ok(server, `/api/v1/legs/${legId}/en-route`, w.driver.token);
  await after.departed?.();
  await ok(server, `/api/v1/legs/${legId}/at-pickup`, w.driver.token);
  await ok(server, `/api/v1/legs/${legId}/out`, w.gatekeeper.token);
  await clockAtLeg(server, w, legId, 'dropoff');
  await ok(server, `/api/v1/legs/${legId}/arrived`, w.hospitalDesk.token);
}

describe('a vehicle’s status follows its legs', () => {
  it('on_job from the moment its driver sets off, available once a normal patient is delivered', async () => {
    const w = await tripWorld(server);
    const dispatch = await connectClient(server, w.dispatcher.token);
    // Outside the district's room: another district's driver, another compound's gatekeeper.
    const outsiders = [
      await connectClient(server, w.otherDriver.token),
      await connectClient(server, w.otherGatekeeper.token),
    ];
    clients.push(dispatch, ...outsiders);
    const legId = await bookedOutbound(w, w.patient.id);
    expect((await vehicleOf(w)).status).toBe('available');
    await drive(w, legId, {
      departed: async () => expect((await vehicleOf(w)).status).toBe('on_job'),
    });
    expect(await vehicleOf(w)).toMatchObject({ status: 'available', disinfectingUntil: null });
    await dispatch.waitFor(() => statusEvents(dispatch).length === 2);
    await settle();
    expect(statusEvents(dispatch)).toEqual(['on_job', 'available']);
    for (const outsider of outsiders) expect(statusEvents(outsider)).toEqual([]);
  });

  it('disinfecting for its disinfection time after a close contact leaves it empty, then available (sweep)', async () => {
    const w = await tripWorld(server);
    const dispatch = await connectClient(server, w.dispatcher.token);
    clients.push(dispatch);
    const contact = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
      regularHospitalId: w.hospital.id,
      infectionClass: 'close_contact',
    });
    const legId = await bookedOutbound(w, contact.id);
    await drive(w, legId);
    // The hospital confirmed the arrival at the planned drop-off (the server's clock): disinfection from then.
    const droppedAt = server.clock.now().getTime();
    const vehicle = await vehicleOf(w);
    expect(vehicle.status).toBe('disinfecting');
    const until = Date.parse(vehicle.disinfectingUntil ?? '');
    expect(until).toBe(droppedAt + vehicle.disinfectionMinutes * 60_000);

    // Not over yet: the sweep leaves it.
    expect(await endDisinfections({ db: w.db, now: new Date(until - 60_000) })).toEqual([]);
    expect((await vehicleOf(w)).status).toBe('disinfecting');
    await endDisinfections({ db: w.db, now: new Date(until + 1000) });
    expect(await vehicleOf(w)).toMatchObject({ status: 'available', disinfectingUntil: null });
    await dispatch.waitFor(() => statusEvents(dispatch).length === 3);
    await settle();
    expect(statusEvents(dispatch)).toEqual(['on_job', 'disinfecting', 'available']);
  });

  it('a breakdown takes it off, and no later step of its legs puts it back on duty', async () => {
    const w = await tripWorld(server);
    const legId = await bookedOutbound(w, w.patient.id);
    await clockAtLeg(server, w, legId);
    await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/en-route`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/at-pickup`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/out`, w.gatekeeper.token);
    expect((await vehicleOf(w)).status).toBe('on_job');
    await ok(server, `/api/v1/vehicles/${w.vehicle.id}/breakdown`, w.driver.token, { note: 'flat tyre' });
    expect((await vehicleOf(w)).status).toBe('off');
    // The patient on board still reaches the hospital; the vehicle stays off.
    await clockAtLeg(server, w, legId, 'dropoff');
    await ok(server, `/api/v1/legs/${legId}/arrived`, w.hospitalDesk.token);
    expect((await vehicleOf(w)).status).toBe('off');
  });
});

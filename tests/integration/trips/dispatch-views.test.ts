import type { LegView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../support/calendar.ts';
import { createAccount, createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

const get = <T>(path: string, token: string) => api<T>(server, 'GET', path, { token });
const at = { lng: 121.431, lat: 31.17 };

/** A will-call dialysis trip on the world's car, driven until the hospital confirmed the arrival. */
async function admittedTrip(w: TripWorld): Promise<TripView> {
  const request = await createRequest(w.db, w.patient.id, {
    date: DAY,
    returnMode: 'will_call',
    treatmentMinutes: null,
  });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  const leg = trip.outbound.id;
  await ok(server, `/api/v1/legs/${leg}/assign`, w.dispatcher.token, { vehicleId: w.vehicle.id });
  await clockAtLeg(server, w, leg);
  await ok(server, `/api/v1/legs/${leg}/accept`, w.driver.token, at);
  await ok(server, `/api/v1/legs/${leg}/en-route`, w.driver.token, at);
  await ok(server, `/api/v1/legs/${leg}/at-pickup`, w.driver.token, at);
  await ok(server, `/api/v1/legs/${leg}/out`, w.gatekeeper.token, at);
  await clockAtLeg(server, w, leg, 'dropoff');
  const arrived = await ok<LegView>(server, `/api/v1/legs/${leg}/arrived`, w.hospitalDesk.token);
  expect(arrived.status).toBe('completed');
  return trip;
}

describe('hospital arrivals', () => {
  it('keep patients in treatment listed, marked, until "treatment finished"; every leg says its need', async () => {
    const w = await tripWorld(server);
    const trip = await admittedTrip(w);
    // A second patient still on the way.
    const other = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      regularHospitalId: w.hospital.id,
      gateId: w.compound.gate.id,
    });
    const coming = await createRequest(w.db, other.id, { date: DAY });
    const second = await ok<TripView>(server, `/api/v1/requests/${coming.id}/trip`, w.dispatcher.token);
    expect(second.outbound).toMatchObject({ service: 'dialysis', inTreatment: false });
    await ok(server, `/api/v1/legs/${second.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
      pickupAt: `${DAY}T12:00:00+08:00`,
      // Hours after its appointment: only with the dispatcher's explicit override of the window.
      override: { rules: ['time_window'], reason: '患者改约下午' },
    });

    // A page reload: the admitted patient is still there, marked in treatment, with the need.
    const board = await get<LegView[]>(
      `/api/v1/hospitals/${w.hospital.id}/arrivals?date=${DAY}`,
      w.hospitalDesk.token,
    );
    expect(board.status).toBe(200);
    const byId = new Map(board.body.map((l) => [l.id, l]));
    expect(byId.get(trip.outbound.id)).toMatchObject({
      status: 'completed',
      inTreatment: true,
      service: 'dialysis',
      urgency: 'scheduled',
      appointmentWindow: [
        new Date(`${DAY}T07:00:00+08:00`).toISOString(),
        new Date(`${DAY}T07:30:00+08:00`).toISOString(),
      ],
      patient: { name: '王*国' },
    });
    expect(byId.get(second.outbound.id)).toMatchObject({ status: 'assigned', inTreatment: false });

    // "Treatment finished" from the reloaded board releases the return; the patient leaves the board.
    await ok(server, `/api/v1/trips/${trip.id}/treatment-finished`, w.hospitalDesk.token);
    const after = await get<LegView[]>(
      `/api/v1/hospitals/${w.hospital.id}/arrivals?date=${DAY}`,
      w.hospitalDesk.token,
    );
    expect(after.body.map((l) => l.id)).toEqual([second.outbound.id]);
  });
});

describe("a district's legs of the day", () => {
  it('lists every leg of the district in one call, cancelled included and filterable, masked, for its dispatch only', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const neighbour = await createPatient(w.db, w.otherCompound.id, {
      name: '李秀英',
      nationalId: validNationalId(),
      regularHospitalId: w.hospital.id,
      gateId: w.otherCompound.gate.id,
    });
    const cancelledRequest = await createRequest(w.db, neighbour.id, { date: DAY });
    const cancelled = await ok<TripView>(
      server,
      `/api/v1/requests/${cancelledRequest.id}/trip`,
      w.dispatcher.token,
    );
    await ok(server, `/api/v1/legs/${cancelled.outbound.id}/cancel`, w.dispatcher.token, {
      reason: '患者取消',
    });
    // Another day (the next Wednesday) does not belong to this list.
    const later = await createRequest(w.db, neighbour.id, { date: addDays(DAY, 7) });
    await ok(server, `/api/v1/requests/${later.id}/trip`, w.dispatcher.token);

    const all = await get<LegView[]>(
      `/api/v1/districts/${w.district.id}/legs?date=${DAY}`,
      w.dispatcher.token,
    );
    expect(all.status).toBe(200);
    expect(all.body.map((l) => l.id).sort()).toEqual(
      [trip.outbound.id, trip.return.id, cancelled.outbound.id, cancelled.return.id].sort(),
    );
    expect(all.body.find((l) => l.id === cancelled.outbound.id)?.status).toBe('cancelled');
    expect(all.body.map((l) => l.patient.name).sort()).toEqual(['李*英', '李*英', '王*国', '王*国']);
    expect(JSON.stringify(all.body)).not.toContain(w.patient.nationalId);

    const onlyCancelled = await get<LegView[]>(
      `/api/v1/districts/${w.district.id}/legs?date=${DAY}&status=cancelled`,
      w.dispatcher.token,
    );
    expect(onlyCancelled.body.map((l) => l.id).sort()).toEqual(
      [cancelled.outbound.id, cancelled.return.id].sort(),
    );
    const live = await get<LegView[]>(
      `/api/v1/districts/${w.district.id}/legs?date=${DAY}&status=planned,assigned`,
      w.dispatcher.token,
    );
    expect(live.body.map((l) => l.status)).not.toContain('cancelled');
    expect(live.body.length).toBeGreaterThanOrEqual(2);

    const bad = await get<{ issues: Array<{ path: string }> }>(
      `/api/v1/districts/${w.district.id}/legs?date=${DAY}&status=flying`,
      w.dispatcher.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['query.status.0']);

    // Other districts' dispatchers, gatekeepers, hospitals and drivers are refused.
    const stranger = await createAccount(w.db, 'dispatcher', { districtIds: [w.otherVehicle.districtId] });
    const strangerToken = await loginAs(server, stranger.username, stranger.password);
    for (const token of [strangerToken, w.gatekeeper.token, w.hospitalDesk.token, w.driver.token]) {
      const res = await get(`/api/v1/districts/${w.district.id}/legs?date=${DAY}`, token);
      expect(res.status).toBe(403);
    }
  });
});

describe('gate schedule names', () => {
  it("the compound's own gatekeeper sees full names, as on the roster; dispatch sees them masked", async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const path = `/api/v1/compounds/${w.compound.id}/gate-schedule?date=${DAY}`;
    const own = await get<LegView[]>(path, w.gatekeeper.token);
    expect(own.body.map((l) => l.patient.name)).toEqual(['王建国', '王建国']);
    const roster = await get<{ items: Array<{ name: string }> }>(
      `/api/v1/compounds/${w.compound.id}/patients`,
      w.gatekeeper.token,
    );
    expect(roster.body.items.map((p) => p.name)).toContain('王建国');
    const dispatch = await get<LegView[]>(path, w.dispatcher.token);
    expect(dispatch.body.map((l) => l.patient.name)).toEqual(['王*国', '王*国']);
  });
});

import type { Problem, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

describe('trip scope', () => {
  it('another vehicle’s driver, another hospital and another compound’s gatekeeper can neither see nor act', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const legId = trip.outbound.id;
    await ok(server, `/api/v1/legs/${legId}/assign`, w.dispatcher.token, { vehicleId: w.vehicle.id });

    // Another vehicle's driver: the leg does not exist for them.
    for (const path of ['accept', 'decline', 'en-route', 'no-show']) {
      const res = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/${path}`, {
        token: w.otherDriver.token,
        body: path === 'decline' ? { reason: 'x' } : {},
      });
      expect([res.status, res.body.code], path).toEqual([404, 'not_found']);
    }
    expect((await api(server, 'GET', `/api/v1/legs/${legId}`, { token: w.otherDriver.token })).status).toBe(
      404,
    );
    expect(
      (await api<unknown[]>(server, 'GET', '/api/v1/me/jobs', { token: w.otherDriver.token })).body,
    ).toEqual([]);

    // A driver cannot book: assignment is dispatch's.
    const driverAssign = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/assign`, {
      token: w.driver.token,
      body: { vehicleId: w.vehicle.id },
    });
    expect(driverAssign.status).toBe(403);

    await clockAtLeg(server, w, legId);
    await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/at-pickup`, w.driver.token);

    // Another compound's gatekeeper cannot release the patient, nor read the gate schedule.
    const release = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/out`, {
      token: w.otherGatekeeper.token,
      body: {},
    });
    expect(release.status).toBe(404);
    const schedule = await api(
      server,
      'GET',
      `/api/v1/compounds/${w.compound.id}/gate-schedule?date=${DAY}`,
      { token: w.otherGatekeeper.token },
    );
    expect(schedule.status).toBe(404);

    await ok(server, `/api/v1/legs/${legId}/out`, w.gatekeeper.token);

    // Another hospital can neither see the arrival nor confirm it.
    const arrivals = await api(server, 'GET', `/api/v1/hospitals/${w.hospital.id}/arrivals?date=${DAY}`, {
      token: w.otherHospitalDesk.token,
    });
    expect(arrivals.status).toBe(403);
    const own = await api<unknown[]>(
      server,
      'GET',
      `/api/v1/hospitals/${w.otherHospital.id}/arrivals?date=${DAY}`,
      { token: w.otherHospitalDesk.token },
    );
    expect(own.body).toEqual([]);
    const confirm = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/arrived`, {
      token: w.otherHospitalDesk.token,
      body: {},
    });
    expect(confirm.status).toBe(404);
    const finish = await api<Problem>(server, 'POST', `/api/v1/trips/${trip.id}/treatment-finished`, {
      token: w.otherHospitalDesk.token,
    });
    expect(finish.status).toBe(404);

    // Nothing moved: the leg is where the rightful parties left it.
    const leg = await api<{ status: string }>(server, 'GET', `/api/v1/legs/${legId}`, {
      token: w.dispatcher.token,
    });
    expect(leg.body.status).toBe('on_board');
  });

  it('dispatch of another district cannot plan, assign or see incidents of this one', async () => {
    const w = await tripWorld(server);
    const { createAccount } = await import('../../support/factories.ts');
    const { loginAs } = await import('../../support/http.ts');
    const stranger = await createAccount(w.db, 'dispatcher', { districtIds: [w.otherVehicle.districtId] });
    const token = await loginAs(server, stranger.username, stranger.password);
    expect(
      (await api(server, 'POST', `/api/v1/districts/${w.district.id}/plan`, { token, body: { date: DAY } }))
        .status,
    ).toBe(403);
    expect(
      (await api(server, 'GET', `/api/v1/incidents?districtId=${w.district.id}`, { token })).status,
    ).toBe(403);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    // Another district's request does not exist for them; the compound's gatekeeper sees it but may not book.
    expect((await api(server, 'POST', `/api/v1/requests/${request.id}/trip`, { token })).status).toBe(404);
    expect(
      (await api(server, 'POST', `/api/v1/requests/${request.id}/trip`, { token: w.gatekeeper.token }))
        .status,
    ).toBe(403);
  });
});

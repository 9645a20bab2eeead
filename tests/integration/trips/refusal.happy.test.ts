import type { IncidentView, LegView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHospitalSlot, createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, tripWorld } from './world.ts';

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

describe('refusal at the hospital gate', () => {
  it('becomes an incident naming the forbidden ground; dispatch resolves it by sending the patient on to another hospital', async () => {
    const w = await tripWorld(server);
    await createHospitalSlot(w.db, w.otherHospital.id, { weekday: 3 });
    const dispatch = await connectClient(server, w.dispatcher.token);
    const desk = await connectClient(server, w.hospitalDesk.token);
    const otherDesk = await connectClient(server, w.otherHospitalDesk.token);
    clients.push(dispatch, desk, otherDesk);

    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const legId = trip.outbound.id;
    await ok(server, `/api/v1/legs/${legId}/assign`, w.dispatcher.token, { vehicleId: w.vehicle.id });
    await clockAtLeg(server, w, legId);
    await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/at-pickup`, w.driver.token);
    await ok(server, `/api/v1/legs/${legId}/out`, w.gatekeeper.token);
    await ok(server, `/api/v1/legs/${legId}/arrive`, w.driver.token);

    const incident = await ok<IncidentView>(server, `/api/v1/legs/${legId}/refused-at-gate`, w.driver.token, {
      reason: 'test_result',
      note: '门卫要求 24 小时核酸',
      lng: 121.4502,
      lat: 31.1901,
    });
    expect(incident).toMatchObject({
      kind: 'refused_at_gate',
      legId,
      hospitalId: w.hospital.id,
      resolvedAt: null,
    });
    // On the server's clock (set to the leg's day), like the steps that led to it.
    expect(incident.openedAt).toBe(server.clock.now().toISOString());
    expect(incident.detail).toMatchObject({
      reason: 'test_result',
      forbiddenGround: true,
      note: '门卫要求 24 小时核酸',
    });

    const open = await api<IncidentView[]>(
      server,
      'GET',
      `/api/v1/incidents?districtId=${w.district.id}&open=true`,
      { token: w.dispatcher.token },
    );
    expect(open.body.map((i) => i.id)).toEqual([incident.id]);
    const stuck = await api<LegView>(server, 'GET', `/api/v1/legs/${legId}`, { token: w.dispatcher.token });
    expect(stuck.body.status).toBe('refused_at_gate');
    // The patient is still aboard: the leg stays the driver's job while dispatch decides.
    const mine = await api<LegView[]>(server, 'GET', '/api/v1/me/jobs', { token: w.driver.token });
    expect(mine.body.map((l) => [l.id, l.status])).toContainEqual([legId, 'refused_at_gate']);

    const resolved = await ok<IncidentView>(
      server,
      `/api/v1/incidents/${incident.id}/resolve`,
      w.dispatcher.token,
      {
        resolution: '已联系卫健委，改送另一家医院',
        action: 'resume',
        hospitalId: w.otherHospital.id,
      },
    );
    expect(resolved.resolvedAt).not.toBeNull();
    const again = await api(server, 'POST', `/api/v1/incidents/${incident.id}/resolve`, {
      token: w.dispatcher.token,
      body: { resolution: 'x' },
    });
    expect(again.status).toBe(409);

    const leg = await api<LegView>(server, 'GET', `/api/v1/legs/${legId}`, { token: w.dispatcher.token });
    expect(leg.body).toMatchObject({ status: 'on_board', hospital: { id: w.otherHospital.id } });
    await clockAtLeg(server, w, legId, 'dropoff');
    await ok(server, `/api/v1/legs/${legId}/arrived`, w.otherHospitalDesk.token);

    await dispatch.waitFor((e) => e.some((x) => x.type === 'incident.resolved'));
    await otherDesk.waitFor((e) => e.some((x) => x.type === 'arrival.expected'));
    await settle();
    expect(desk.events.map((e) => e.type)).toEqual([
      'arrival.expected',
      'arrival.expected',
      'leg.status_changed',
      'incident.opened',
      'incident.resolved',
    ]);
    expect(otherDesk.events.map((e) => e.type)).toEqual(['arrival.expected', 'leg.status_changed']);
    expect(dispatch.events.filter((e) => e.type.startsWith('incident.')).map((e) => e.type)).toEqual([
      'incident.opened',
      'incident.resolved',
    ]);
  });

  it('a gatekeeper or a hospital cannot report a refusal; a refusal before the patient is aboard is an invalid transition', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const early = await api<{ code: string; allowed: string[] }>(
      server,
      'POST',
      `/api/v1/legs/${trip.outbound.id}/refused-at-gate`,
      {
        token: w.driver.token,
        body: { reason: 'health_code' },
      },
    );
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('invalid_transition');
    const byDesk = await api(server, 'POST', `/api/v1/legs/${trip.outbound.id}/refused-at-gate`, {
      token: w.hospitalDesk.token,
      body: { reason: 'other' },
    });
    expect(byDesk.status).toBe(403);
  });
});

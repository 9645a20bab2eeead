import type { TrackingLinkView, TrackView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, createRequest } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from '../trips/world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ positionMinIntervalMs: 0 });
});
beforeEach(() => server.clock.reset());
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

const position = (lng: number, lat: number) => ({ lng, lat, recordedAt: new Date().toISOString() });

async function bookedTrip(w: TripWorld) {
  const request = await createRequest(w.db, w.patient.id, { date: DAY });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
    vehicleId: w.vehicle.id,
  });
  return trip;
}

function tokenOf(link: TrackingLinkView): string {
  return link.url.split('/t/')[1] ?? '';
}

function track(token: string, refresh = false) {
  return api<TrackView>(server, 'GET', `/api/v1/track/${token}${refresh ? '?refresh=1' : ''}`);
}

describe('tracking link', () => {
  it('lets the family follow the vehicle without a login, then stops working when the round trip ends', async () => {
    const w = await tripWorld(server);
    const trip = await bookedTrip(w);
    const link = await ok<TrackingLinkView>(
      server,
      `/api/v1/trips/${trip.id}/tracking-link`,
      w.gatekeeper.token,
    );
    expect(link).toMatchObject({ tripId: trip.id, views: 0, expired: false });
    expect(link.url).toMatch(/\/t\/[A-Za-z0-9_-]{43}$/);
    const again = await ok<TrackingLinkView>(
      server,
      `/api/v1/trips/${trip.id}/tracking-link`,
      w.dispatcher.token,
    );
    expect(again.url).toBe(link.url);
    const token = tokenOf(link);

    const waiting = await track(token);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({
      patient: '王*国',
      date: DAY,
      phase: 'waiting',
      gate: { name: w.compound.gate.name },
      hospital: { name: w.hospital.name },
      outbound: { status: 'assigned', vehicle: { plate: w.vehicle.plate, lng: null, lat: null } },
      hotline: '12320',
    });
    const text = JSON.stringify(waiting.body);
    expect(text).not.toContain(w.patient.nationalId);
    expect(text).not.toContain(w.patient.phone);
    expect(text).not.toContain('王建国');

    const driver = await connectClient(server, w.driver.token);
    clients.push(driver);
    await clockAtLeg(server, w, trip.outbound.id);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/en-route`, w.driver.token);
    expect(await driver.socket.emitWithAck('position', position(121.43, 31.18))).toMatchObject({ ok: true });
    const coming = await track(token, true);
    expect(coming.body.phase).toBe('coming');
    expect(coming.body.outbound.vehicle).toMatchObject({ plate: w.vehicle.plate, lng: 121.43, lat: 31.18 });
    expect(coming.body.outbound.etaAt).not.toBeNull();
    expect(await driver.socket.emitWithAck('position', position(121.435, 31.185))).toMatchObject({
      ok: true,
    });
    const moved = await track(token, true);
    expect(moved.body.outbound.vehicle).toMatchObject({ lng: 121.435, lat: 31.185 });

    const counted = await api<TrackingLinkView>(server, 'GET', `/api/v1/trips/${trip.id}/tracking-link`, {
      token: w.gatekeeper.token,
    });
    // The page open counts; the open page's refreshes are the same view.
    expect(counted.body.views).toBe(1);
    expect(counted.body.lastViewedAt).not.toBeNull();

    await ok(server, `/api/v1/legs/${trip.outbound.id}/cancel`, w.dispatcher.token, { reason: '患者住院' });
    const gone = await track(token);
    expect(gone.status).toBe(404);
    const expired = await api<TrackingLinkView>(server, 'GET', `/api/v1/trips/${trip.id}/tracking-link`, {
      token: w.gatekeeper.token,
    });
    expect(expired.body.expired).toBe(true);
  });

  it('is made only by those who arrange the trip, and its QR code is behind the same check', async () => {
    const w = await tripWorld(server);
    const trip = await bookedTrip(w);
    const path = `/api/v1/trips/${trip.id}/tracking-link`;
    // Outside the compound's requests the trip does not exist for them: 404, as for any unknown id.
    expect((await api(server, 'POST', path, { token: w.otherGatekeeper.token })).status).toBe(404);
    expect((await api(server, 'POST', path, { token: w.hospitalDesk.token })).status).toBe(404);
    expect((await api(server, 'POST', path, { token: w.driver.token })).status).toBe(404);
    expect((await api(server, 'GET', path, { token: w.gatekeeper.token })).status).toBe(404);
    await ok(server, path, w.gatekeeper.token);
    const qr = await fetch(`${server.url}${path}/qr.png`, {
      headers: { authorization: `Bearer ${w.gatekeeper.token}` },
    });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect((await api(server, 'GET', `${path}/qr.png`, { token: w.otherGatekeeper.token })).status).toBe(404);
    const admin = await createAccount(w.db, 'admin');
    const audit = await api<Array<{ action: string; outcome: string }>>(
      server,
      'GET',
      `/api/v1/audit?entity=patient&entityId=${w.patient.id}`,
      { token: await loginAs(server, admin.username, admin.password) },
    );
    expect(audit.body.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining(['tracking_link.created:allowed', 'write:denied']),
    );
  });

  it('counts a reader who claims to be refreshing a link nobody was reading', async () => {
    const w = await tripWorld(server);
    const trip = await bookedTrip(w);
    const path = `/api/v1/trips/${trip.id}/tracking-link`;
    const token = tokenOf(await ok<TrackingLinkView>(server, path, w.gatekeeper.token));
    const views = async () =>
      (await api<TrackingLinkView>(server, 'GET', path, { token: w.gatekeeper.token })).body.views;
    expect((await track(token, true)).status).toBe(200);
    expect(await views()).toBe(1);
    // Its own polling goes on within the same view; a page opened anew is another.
    expect((await track(token, true)).status).toBe(200);
    expect(await views()).toBe(1);
    expect((await track(token)).status).toBe(200);
    expect(await views()).toBe(2);
  });

  it('answers a malformed or unknown token without revealing anything, and throttles guessing', async () => {
    const bad = await api<{ issues: Array<{ path: string }> }>(server, 'GET', '/api/v1/track/short');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]?.path).toBe('params.token');
    const unknown = await track('A'.repeat(43));
    expect(unknown.status).toBe(404);
    let status = 404;
    for (let i = 0; i < 100 && status === 404; i++)
      status = (await track(`${'B'.repeat(42)}${i % 10}`)).status;
    expect(status).toBe(429);
  });
});

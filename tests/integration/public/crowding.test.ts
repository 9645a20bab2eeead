import type { CrowdingBoard } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createDistrict,
  createHospital,
  createHospitalSlot,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

async function world() {
  const db = server.app.db;
  const district = await createDistrict(db);
  const hospital = await createHospital(db, {
    districtId: district.id,
    name: '测试急诊医院',
    acceptsPositive: true,
  });
  await createHospitalSlot(db, hospital.id, { service: 'emergency', weekday: 1 });
  const other = await createHospital(db, { districtId: district.id, name: '另一家医院' });
  const desk = await createAccount(db, 'hospital', { hospitalId: hospital.id });
  const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
  return {
    district,
    hospital,
    other,
    desk: await loginAs(server, desk.username, desk.password),
    dispatcher: await loginAs(server, dispatcher.username, dispatcher.password),
  };
}

function entry(board: CrowdingBoard, hospitalId: string) {
  const found = board.hospitals.find((h) => h.hospitalId === hospitalId);
  if (!found) throw new Error(`hospital ${hospitalId} is not on the board`);
  return found;
}

describe('emergency-crowding board', () => {
  it('shows what the hospital desk publishes, without a login, as JSON and GeoJSON; dispatch hears it live', async () => {
    const w = await world();
    const dispatch = await connectClient(server, w.dispatcher);
    clients.push(dispatch);

    const before = await api<CrowdingBoard>(server, 'GET', '/api/v1/public/crowding');
    expect(before.status).toBe(200);
    expect(before.body.hotline).toBe('12320');
    expect(entry(before.body, w.hospital.id)).toMatchObject({
      crowding: 'low',
      color: 'green',
      status: 'open',
      acceptsPositive: true,
      emergency: true,
      updatedAt: null,
    });
    expect(entry(before.body, w.other.id).emergency).toBe(false);

    const put = await api(server, 'PUT', `/api/v1/hospitals/${w.hospital.id}/status`, {
      token: w.desk,
      body: { crowding: 'full', status: 'diverting' },
    });
    expect(put.status).toBe(200);

    const after = await api<CrowdingBoard>(server, 'GET', '/api/v1/public/crowding');
    expect(entry(after.body, w.hospital.id)).toMatchObject({
      crowding: 'full',
      color: 'red',
      status: 'diverting',
    });
    expect(entry(after.body, w.hospital.id).updatedAt).not.toBeNull();
    expect(after.headers.get('cache-control')).toContain('public');

    const events = await dispatch.waitFor((es) => es.some((e) => e.type === 'hospital.status_changed'));
    expect(events.find((e) => e.type === 'hospital.status_changed')?.payload).toMatchObject({
      hospitalId: w.hospital.id,
      crowding: 'full',
      status: 'diverting',
    });

    const geo = await api<{ type: string; features: Array<Record<string, unknown>> }>(
      server,
      'GET',
      '/api/v1/public/crowding.geojson',
    );
    expect(geo.status).toBe(200);
    expect(geo.headers.get('content-type')).toContain('application/geo+json');
    expect(geo.body.type).toBe('FeatureCollection');
    // A map app on any site reads it: CORS without credentials, loadable cross-origin, ETag readable.
    expect(geo.headers.get('access-control-allow-origin')).toBe('*');
    expect(geo.headers.get('access-control-allow-credentials')).toBeNull();
    expect(geo.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(geo.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(geo.headers.get('cache-control')).toBe('public, max-age=10');
    const feature = geo.body.features.find((f) => f.id === w.hospital.id);
    expect(feature).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [w.hospital.entranceLng, w.hospital.entranceLat] },
      properties: { name: '测试急诊医院', color: 'red', status: 'diverting' },
    });
  });

  it('answers a poller that already has the board with 304', async () => {
    const first = await api(server, 'GET', '/api/v1/public/crowding.geojson');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await api(server, 'GET', '/api/v1/public/crowding.geojson', {
      // fetch adds `cache-control: no-cache` to a conditional request unless told otherwise.
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('is set only by the hospital itself (or admin), with the bad field named', async () => {
    const w = await world();
    const otherDesk = await createAccount(server.app.db, 'hospital', { hospitalId: w.other.id });
    const otherToken = await loginAs(server, otherDesk.username, otherDesk.password);
    const path = `/api/v1/hospitals/${w.hospital.id}/status`;
    expect((await api(server, 'PUT', path, { token: otherToken, body: { crowding: 'high' } })).status).toBe(
      404,
    );
    expect((await api(server, 'PUT', path, { token: w.dispatcher, body: { crowding: 'high' } })).status).toBe(
      403,
    );
    expect((await api(server, 'PUT', path, { body: { crowding: 'high' } })).status).toBe(401);
    const bad = await api<{ issues: Array<{ path: string }> }>(server, 'PUT', path, {
      token: w.desk,
      body: { crowding: 'purple' },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toContain('body.crowding');
    const board = await api<CrowdingBoard>(server, 'GET', '/api/v1/public/crowding');
    expect(entry(board.body, w.hospital.id).crowding).toBe('low');
  });

  it('carries no personal data and throttles a flood from one address', async () => {
    const board = await api(server, 'GET', '/api/v1/public/crowding');
    const text = JSON.stringify(board.body);
    expect(text).not.toMatch(/nationalId|patient|username/);
    let status = 200;
    let retryAfter: string | null = null;
    for (let i = 0; i < 130 && status === 200; i++) {
      const res = await api(server, 'GET', '/api/v1/public/crowding');
      status = res.status;
      retryAfter = res.headers.get('retry-after');
    }
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The throttled map page can still read why: the 429 carries CORS too.
    const throttled = await api(server, 'GET', '/api/v1/public/crowding.geojson');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('access-control-allow-origin')).toBe('*');
    // 130 requests on a loaded machine: a generous timeout, no timing asserted.
  }, 180_000);
});

import { auditLog, drivers, vehicles } from '@lastmeter/db';
import type { Hospital, HospitalSlots, TripView, Vehicle } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createRequest,
  createVehicle,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';

/** The admin keeps the city's hospitals and fleet: created, edited, retired — audited, checked per field. */
let server: TestServer;
let admin: string;
let districtId: string;
beforeAll(async () => {
  server = await startTestServer();
  districtId = (await createDistrict(server.app.db)).id;
  admin = await tokenFor('admin');
});
afterAll(() => server.stop());

async function tokenFor(
  role: Parameters<typeof createAccount>[1],
  scope: Parameters<typeof createAccount>[2] = {},
) {
  const account = await createAccount(server.app.db, role, scope);
  return loginAs(server, account.username, account.password);
}

type Problem = { code: string; title: string; issues: Array<{ path: string; message: string }> };

const auditOf = (entity: string, entityId: string) =>
  server.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);

const newHospital = {
  name: '龙华医院',
  districtId: null,
  location: { lng: 121.45, lat: 31.19 },
  entrance: { lng: 121.451, lat: 31.191 },
  acceptsPositive: true,
  services: ['dialysis', 'emergency'],
};

describe('hospitals (admin)', () => {
  it('creates a hospital with what it treats and where cars stop; edits it; both audited', async () => {
    const created = await api<Hospital>(server, 'POST', '/api/v1/hospitals', {
      token: admin,
      body: newHospital,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '龙华医院',
      acceptsPositive: true,
      entrance: { lng: 121.451, lat: 31.191 },
      services: ['dialysis', 'emergency'],
    });
    // A new service opens closed, every weekday, for the desk to publish its places.
    const slots = await api<HospitalSlots>(server, 'GET', `/api/v1/hospitals/${created.body.id}/slots`, {
      token: admin,
    });
    expect(slots.body.slots).toHaveLength(14);
    expect(new Set(slots.body.slots.map((s) => s.capacity))).toEqual(new Set([0]));

    const edited = await api<Hospital>(server, 'PATCH', `/api/v1/hospitals/${created.body.id}`, {
      token: admin,
      body: { name: '龙华医院（总院）', services: ['emergency', 'oncology'], acceptsPositive: false },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: '龙华医院（总院）',
      acceptsPositive: false,
    });
    expect([...edited.body.services].sort()).toEqual(['emergency', 'oncology']);
    const after = await api<HospitalSlots>(server, 'GET', `/api/v1/hospitals/${created.body.id}/slots`, {
      token: admin,
    });
    expect(new Set(after.body.slots.map((s) => s.service))).toEqual(new Set(['emergency', 'oncology']));

    const trail = await auditOf('hospital', created.body.id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
    expect(trail[1]?.detail).toMatchObject({
      before: { name: '龙华医院', acceptsPositive: true },
      after: { name: '龙华医院（总院）', acceptsPositive: false },
    });
  });

  it('names the bad field, in Chinese or English, and writes nothing', async () => {
    for (const [lang, word] of [
      ['zh-CN', /[\u4e00-\u9fff]/],
      ['en', /[a-z]/],
    ] as const) {
      const res = await api<Problem>(server, 'POST', '/api/v1/hospitals', {
        token: admin,
        headers: { 'accept-language': lang },
        body: {
          ...newHospital,
          name: '坏医院',
          entrance: { lng: 121.45, lat: 95 },
          services: ['dialysis', 'dialysis'],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i) => i.path).sort()).toEqual(['body.entrance.lat', 'body.services']);
      for (const issue of res.body.issues) expect(issue.message).toMatch(word);
    }
    const list = await api<Hospital[]>(server, 'GET', '/api/v1/hospitals', { token: admin });
    expect(list.body.map((h) => h.name)).not.toContain('坏医院');
  });

  it('is the admin’s alone: the desk, dispatch and the gate get 403 and nothing changes', async () => {
    const hospital = await createHospital(server.app.db, { name: '徐汇医院' });
    const compound = await createCompound(server.app.db, districtId);
    for (const token of [
      await tokenFor('hospital', { hospitalId: hospital.id }),
      await tokenFor('dispatcher', { districtIds: [districtId] }),
      await tokenFor('gatekeeper', { compoundIds: [compound.id] }),
    ]) {
      const create = await api(server, 'POST', '/api/v1/hospitals', { token, body: newHospital });
      expect(create.status).toBe(403);
      const edit = await api(server, 'PATCH', `/api/v1/hospitals/${hospital.id}`, {
        token,
        body: { name: '改名', services: [] },
      });
      expect(edit.status).toBe(403);
    }
    const got = await api<Hospital>(server, 'GET', `/api/v1/hospitals/${hospital.id}`, { token: admin });
    expect(got.body.name).toBe('徐汇医院');
  });
});

const newVehicle = () => ({
  districtId,
  kind: 'requisitioned',
  plate: `沪B·${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
  seats: 3,
  wheelchairPlaces: 1,
  stretchers: 0,
  base: { lng: 121.44, lat: 31.18 },
});

describe('vehicles (admin)', () => {
  it('creates, edits and retires a vehicle; each step audited', async () => {
    const other = await createDistrict(server.app.db, { name: '长宁区' });
    const created = await api<Vehicle>(server, 'POST', '/api/v1/vehicles', {
      token: admin,
      body: newVehicle(),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const account = await createAccount(server.app.db, 'driver', { vehicleId: id });

    const edited = await api<Vehicle>(server, 'PATCH', `/api/v1/vehicles/${id}`, {
      token: admin,
      body: { seats: 5, stretchers: 1, districtId: other.id, base: { lng: 121.42, lat: 31.22 } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      seats: 5,
      stretchers: 1,
      districtId: other.id,
      base: { lng: 121.42, lat: 31.22 },
    });

    const retired = await api<Vehicle>(server, 'POST', `/api/v1/vehicles/${id}/retire`, { token: admin });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'off', driver: null });
    const [driver] = await server.app.db.select().from(drivers).where(eq(drivers.accountId, account.id));
    expect(driver?.vehicleId).toBeNull();

    const trail = await auditOf('vehicle', id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update', 'retire']);
    expect(trail[1]?.detail).toMatchObject({
      before: { seats: 3, districtId },
      after: { seats: 5, districtId: other.id },
    });
  });

  it('refuses to retire a vehicle that still carries booked work, naming the legs', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const res = await api<Problem & { legIds: string[] }>(
      server,
      'POST',
      `/api/v1/vehicles/${w.vehicle.id}/retire`,
      { token: admin },
    );
    expect(res.status).toBe(409);
    expect(res.body.legIds).toEqual([trip.outbound.id]);
    const [vehicle] = await w.db.select().from(vehicles).where(eq(vehicles.id, w.vehicle.id));
    expect(vehicle?.status).not.toBe('off');
  });

  it('names the bad field of a vehicle, and keeps the gate and drivers out', async () => {
    const bad = await api<Problem>(server, 'POST', '/api/v1/vehicles', {
      token: admin,
      headers: { 'accept-language': 'zh-CN' },
      body: { ...newVehicle(), seats: -1, kind: 'tank' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(['body.kind', 'body.seats']);
    const vehicle = await createVehicle(server.app.db, districtId);
    const compound = await createCompound(server.app.db, districtId);
    // The driver sees their own car (403 for what they may not do); to the gate it does not exist (404).
    for (const [token, onTheCar] of [
      [await tokenFor('driver', { vehicleId: vehicle.id }), 403],
      [await tokenFor('gatekeeper', { compoundIds: [compound.id] }), 404],
    ] as const) {
      expect((await api(server, 'POST', '/api/v1/vehicles', { token, body: newVehicle() })).status).toBe(403);
      const patch = await api(server, 'PATCH', `/api/v1/vehicles/${vehicle.id}`, {
        token,
        body: { seats: 9 },
      });
      expect(patch.status).toBe(onTheCar);
      expect((await api(server, 'POST', `/api/v1/vehicles/${vehicle.id}/retire`, { token })).status).toBe(
        onTheCar,
      );
    }
    const [unchanged] = await server.app.db.select().from(vehicles).where(eq(vehicles.id, vehicle.id));
    expect(unchanged).toMatchObject({ seats: 4, status: 'available' });
  });
});

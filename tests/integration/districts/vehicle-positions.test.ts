import { vehicles } from '@lastmeter/db';
import type { Vehicle } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('vehicle positions over REST', () => {
  it('the vehicle views carry the last position and staleness, within the usual scope', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const otherDistrict = await createDistrict(db);
    const moving = await createVehicle(db, district.id);
    const silent = await createVehicle(db, district.id);
    const parked = await createVehicle(db, district.id);
    const foreign = await createVehicle(db, otherDistrict.id);
    const seenAt = new Date('2026-11-25T01:02:03.000Z');
    await db
      .update(vehicles)
      .set({ lastLng: 121.45, lastLat: 31.19, lastSeenAt: seenAt })
      .where(eq(vehicles.id, moving.id));
    await db
      .update(vehicles)
      .set({
        lastLng: 121.46,
        lastLat: 31.2,
        lastSeenAt: seenAt,
        staleSince: new Date('2026-11-25T01:10:00Z'),
      })
      .where(eq(vehicles.id, silent.id));
    await db
      .update(vehicles)
      .set({ lastLng: 121.5, lastLat: 31.3, lastSeenAt: seenAt })
      .where(eq(vehicles.id, foreign.id));

    const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
    const token = await loginAs(server, dispatcher.username, dispatcher.password);
    const list = await api<Vehicle[]>(server, 'GET', '/api/v1/vehicles', { token });
    expect(list.status).toBe(200);
    const byId = new Map(list.body.map((v) => [v.id, v]));
    expect([...byId.keys()].sort()).toEqual([moving.id, silent.id, parked.id].sort());
    expect(byId.get(moving.id)).toMatchObject({
      lastPosition: { lng: 121.45, lat: 31.19, at: seenAt.toISOString() },
      stale: false,
    });
    expect(byId.get(silent.id)).toMatchObject({ lastPosition: { lng: 121.46, lat: 31.2 }, stale: true });
    expect(byId.get(parked.id)).toMatchObject({ lastPosition: null, stale: false });

    const one = await api<Vehicle>(server, 'GET', `/api/v1/vehicles/${silent.id}`, { token });
    expect(one.body).toMatchObject({ lastPosition: { at: seenAt.toISOString() }, stale: true });

    // A driver sees their own vehicle's position and no one else's.
    const driver = await createAccount(db, 'driver', { vehicleId: moving.id });
    const driverToken = await loginAs(server, driver.username, driver.password);
    const own = await api<Vehicle[]>(server, 'GET', '/api/v1/vehicles', { token: driverToken });
    expect(own.body.map((v) => [v.id, v.lastPosition?.lng])).toEqual([[moving.id, 121.45]]);
    const other = await api(server, 'GET', `/api/v1/vehicles/${foreign.id}`, { token });
    expect([403, 404]).toContain(other.status);
    expect(JSON.stringify(other.body)).not.toContain('121.5');
  });
});

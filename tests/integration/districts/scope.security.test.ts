import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
  square,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function tokenFor(
  role: Parameters<typeof createAccount>[1],
  scope: Parameters<typeof createAccount>[2] = {},
) {
  const account = await createAccount(server.app.db, role, scope);
  return { account, token: await loginAs(server, account.username, account.password) };
}

describe('districts, hospitals and vehicles stay inside their scope', () => {
  it("a dispatcher of district A gets 403/404 on district B's compounds, zones and vehicles", async () => {
    const db = server.app.db;
    const a = await createDistrict(db);
    const b = await createDistrict(db);
    const compoundB = await createCompound(db, b.id);
    const vehicleB = await createVehicle(db, b.id);
    const { token: adminToken } = await tokenFor('admin');
    const zoneB = await api<{ zones: Array<{ id: string }> }>(
      server,
      'POST',
      `/api/v1/districts/${b.id}/zones`,
      {
        token: adminToken,
        body: { name: 'B', level: 'sealed', geometry: square(121.43, 31.17, 0.01) },
      },
    );
    const zoneBId = zoneB.body.zones[0]!.id;
    const { token } = await tokenFor('dispatcher', { districtIds: [a.id] });

    const cases: Array<[string, string, unknown, number[]]> = [
      ['GET', `/api/v1/districts/${b.id}`, undefined, [404]],
      ['GET', `/api/v1/districts/${b.id}/compounds`, undefined, [404]],
      [
        'POST',
        `/api/v1/districts/${b.id}/compounds`,
        { name: 'x', boundary: square(121.43, 31.17), gates: [{ name: 'g', lng: 121.43, lat: 31.17 }] },
        [403],
      ],
      ['GET', `/api/v1/compounds/${compoundB.id}`, undefined, [404]],
      ['PATCH', `/api/v1/compounds/${compoundB.id}`, { name: 'mine now' }, [404]],
      ['POST', `/api/v1/compounds/${compoundB.id}/gates`, { name: 'g', lng: 121.43, lat: 31.17 }, [404]],
      ['GET', `/api/v1/compounds/${compoundB.id}/overview`, undefined, [404]],
      ['GET', `/api/v1/districts/${b.id}/overview`, undefined, [404]],
      ['GET', `/api/v1/districts/${b.id}/zones`, undefined, [403]],
      [
        'POST',
        `/api/v1/districts/${b.id}/zones`,
        { name: 'z', level: 'sealed', geometry: square(121.43, 31.17) },
        [403],
      ],
      [
        'POST',
        `/api/v1/districts/${b.id}/zones/import`,
        {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { name: 'z', level: 'sealed' }, geometry: square(121.43, 31.17) },
          ],
        },
        [403],
      ],
      ['GET', `/api/v1/zones/${zoneBId}`, undefined, [404]],
      ['PATCH', `/api/v1/zones/${zoneBId}`, { level: 'precaution' }, [404]],
      ['POST', `/api/v1/zones/${zoneBId}/end`, undefined, [404]],
      ['GET', `/api/v1/vehicles/${vehicleB.id}`, undefined, [404]],
      ['PATCH', `/api/v1/vehicles/${vehicleB.id}`, { seats: 9 }, [404]],
      ['PUT', `/api/v1/vehicles/${vehicleB.id}/driver`, { accountId: null }, [404]],
      [
        'POST',
        '/api/v1/vehicles',
        { districtId: b.id, kind: 'volunteer', plate: '沪B12345', seats: 4, base: { lng: 121.4, lat: 31.2 } },
        [403],
      ],
    ];
    for (const [method, path, body, statuses] of cases) {
      const res = await api(server, method, path, { token, body });
      expect(statuses, `${method} ${path} → ${res.status}`).toContain(res.status);
    }
    const fleet = await api<Array<{ id: string }>>(server, 'GET', '/api/v1/vehicles', { token });
    expect(fleet.body.map((v) => v.id)).not.toContain(vehicleB.id);
    const districts = await api<Array<{ id: string }>>(server, 'GET', '/api/v1/districts', { token });
    expect(districts.body.map((d) => d.id)).toEqual([a.id]);
    // Nothing moved in B.
    const zone = await api<{ level: string; endedAt: null }>(server, 'GET', `/api/v1/zones/${zoneBId}`, {
      token: adminToken,
    });
    expect(zone.body).toMatchObject({ level: 'sealed', endedAt: null });
  });

  it('a dispatcher manages their own district: compounds, gates and the fleet with its drivers', async () => {
    const db = server.app.db;
    const a = await createDistrict(db);
    const { token } = await tokenFor('dispatcher', { districtIds: [a.id] });
    const compound = await api<{ id: string }>(server, 'POST', `/api/v1/districts/${a.id}/compounds`, {
      token,
      body: {
        name: '田林十二村',
        boundary: square(121.43, 31.17),
        gates: [{ name: '东门', lng: 121.431, lat: 31.17 }],
      },
    });
    expect(compound.status).toBe(201);
    const gate = await api(server, 'POST', `/api/v1/compounds/${compound.body.id}/gates`, {
      token,
      body: { name: '西门', lng: 121.429, lat: 31.17 },
    });
    expect(gate.status).toBe(201);
    // Gatekeeper assignment is admin's.
    expect(
      (
        await api(server, 'PUT', `/api/v1/compounds/${compound.body.id}/gatekeepers`, {
          token,
          body: { accountIds: [] },
        })
      ).status,
    ).toBe(403);

    const vehicle = await api<{ id: string }>(server, 'POST', '/api/v1/vehicles', {
      token,
      body: {
        districtId: a.id,
        kind: 'requisitioned',
        plate: `沪A${Date.now() % 100000}`,
        seats: 4,
        wheelchairPlaces: 1,
        base: { lng: 121.44, lat: 31.18 },
      },
    });
    expect(vehicle.status).toBe(201);
    const { account: driver, token: driverToken } = await tokenFor('driver');
    const assigned = await api<{ driver: { accountId: string } }>(
      server,
      'PUT',
      `/api/v1/vehicles/${vehicle.body.id}/driver`,
      {
        token,
        body: { accountId: driver.id },
      },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.driver.accountId).toBe(driver.id);
    const notADriver = await api<{ issues: Array<{ path: string }> }>(
      server,
      'PUT',
      `/api/v1/vehicles/${vehicle.body.id}/driver`,
      {
        token,
        body: { accountId: (await createAccount(db, 'gatekeeper')).id },
      },
    );
    expect(notADriver.status).toBe(400);
    expect(notADriver.body.issues[0]!.path).toBe('body.accountId');

    // The driver now sees exactly their vehicle, and cannot edit its fleet record.
    const other = await createVehicle(db, a.id);
    const mine = await api<Array<{ id: string }>>(server, 'GET', '/api/v1/vehicles', { token: driverToken });
    expect(mine.body.map((v) => v.id)).toEqual([vehicle.body.id]);
    expect(
      (await api(server, 'GET', `/api/v1/vehicles/${vehicle.body.id}`, { token: driverToken })).status,
    ).toBe(200);
    expect((await api(server, 'GET', `/api/v1/vehicles/${other.id}`, { token: driverToken })).status).toBe(
      404,
    );
    expect(
      (
        await api(server, 'PATCH', `/api/v1/vehicles/${vehicle.body.id}`, {
          token: driverToken,
          body: { seats: 8 },
        })
      ).status,
    ).toBe(403);
  });

  it('a gatekeeper reads their own compounds only, and admin assigns them', async () => {
    const db = server.app.db;
    const d = await createDistrict(db);
    const mine = await createCompound(db, d.id);
    const theirs = await createCompound(db, d.id);
    const { account: gk, token } = await tokenFor('gatekeeper');
    const { token: adminToken } = await tokenFor('admin');
    expect((await api(server, 'GET', `/api/v1/compounds/${mine.id}`, { token })).status).toBe(404);
    const set = await api<Array<{ accountId: string }>>(
      server,
      'PUT',
      `/api/v1/compounds/${mine.id}/gatekeepers`,
      {
        token: adminToken,
        body: { accountIds: [gk.id] },
      },
    );
    expect(set.status).toBe(200);
    expect(set.body.map((g) => g.accountId)).toEqual([gk.id]);
    expect((await api(server, 'GET', `/api/v1/compounds/${mine.id}`, { token })).status).toBe(200);
    expect((await api(server, 'GET', `/api/v1/compounds/${theirs.id}`, { token })).status).toBe(404);
    expect(
      (await api(server, 'PATCH', `/api/v1/compounds/${mine.id}`, { token, body: { name: 'x' } })).status,
    ).toBe(403);
    const list = await api<Array<{ id: string }>>(server, 'GET', `/api/v1/districts/${d.id}/compounds`, {
      token,
    });
    expect(list.body.map((c) => c.id)).toEqual([mine.id]);
    expect((await api(server, 'GET', '/api/v1/vehicles', { token })).body).toEqual([]);
    const wrongRole = await api<{ issues: Array<{ path: string }> }>(
      server,
      'PUT',
      `/api/v1/compounds/${mine.id}/gatekeepers`,
      {
        token: adminToken,
        body: { accountIds: [gk.id, (await createAccount(db, 'driver')).id] },
      },
    );
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.issues.map((i) => i.path)).toEqual(['body.accountIds.1']);
  });

  it('a hospital account edits only its own hospital, and only its status and capacity', async () => {
    const db = server.app.db;
    const own = await createHospital(db);
    const other = await createHospital(db);
    const { token } = await tokenFor('hospital', { hospitalId: own.id });
    const status = await api<{ crowding: string; status: string }>(
      server,
      'PUT',
      `/api/v1/hospitals/${own.id}/status`,
      {
        token,
        body: { crowding: 'high', status: 'diverting' },
      },
    );
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ crowding: 'high', status: 'diverting' });
    expect(
      (
        await api(server, 'PUT', `/api/v1/hospitals/${other.id}/status`, {
          token,
          body: { crowding: 'full' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api(server, 'PUT', `/api/v1/hospitals/${other.id}/slots`, { token, body: { slots: [] } }))
        .status,
    ).toBe(404);
    expect(
      (await api(server, 'PATCH', `/api/v1/hospitals/${own.id}`, { token, body: { acceptsPositive: true } }))
        .status,
    ).toBe(403);
    const listed = await api<Array<{ id: string }>>(server, 'GET', '/api/v1/hospitals', { token });
    expect(listed.body.map((h) => h.id)).toEqual([own.id]);
    // Dispatch reads hospitals but does not publish their capacity.
    const { token: dispatcherToken } = await tokenFor('dispatcher', { districtIds: [] });
    expect(
      (await api(server, 'GET', `/api/v1/hospitals/${other.id}`, { token: dispatcherToken })).status,
    ).toBe(200);
    expect(
      (
        await api(server, 'PUT', `/api/v1/hospitals/${other.id}/status`, {
          token: dispatcherToken,
          body: { crowding: 'low' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(server, 'POST', '/api/v1/hospitals', {
          token: dispatcherToken,
          body: { name: 'x', location: { lng: 121, lat: 31 }, entrance: { lng: 121, lat: 31 } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(server, 'POST', '/api/v1/districts', {
          token: dispatcherToken,
          body: { code: 'x', name: 'x', city: 'x', center: { lng: 121, lat: 31 } },
        })
      ).status,
    ).toBe(403);
  });
});

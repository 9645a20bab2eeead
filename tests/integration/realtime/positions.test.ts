import { legs, vehicles } from '@lastmeter/db';
import { flagStaleVehicles } from '@lastmeter/server/domain/positions/flag-stale-vehicles.ts';
import { type LegEtaUpdated, rooms, type VehicleStale } from '@lastmeter/shared';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createPatient,
  createPlannedLeg,
  createVehicle,
} from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
});

async function connectAs(
  role: Parameters<typeof createAccount>[1],
  scope: Parameters<typeof createAccount>[2],
  on: TestServer = server,
) {
  const account = await createAccount(on.app.db, role, scope);
  const client = await connectClient(on, await loginAs(on, account.username, account.password));
  clients.push(client);
  return { client, account };
}

/** A district with a compound, a hospital, and a vehicle serving an accepted outbound leg. */
async function vehicleOnAJob(kind: 'volunteer' | 'ambulance_120' = 'volunteer', on: TestServer = server) {
  const db = on.app.db;
  const district = await createDistrict(db);
  const compound = await createCompound(db, district.id);
  const hospital = await createHospital(db);
  const vehicle = await createVehicle(db, district.id, { kind });
  const patient = await createPatient(db, compound.id);
  const driver = await connectAs('driver', { vehicleId: vehicle.id }, on);
  const leg = await createPlannedLeg(db, {
    patientId: patient.id,
    hospitalId: hospital.id,
    gateId: compound.gate.id,
  });
  await db
    .update(legs)
    .set({
      status: 'accepted',
      vehicleId: vehicle.id,
      driverId: driver.account.driverId,
      runId: leg.id,
      bookedFrom: new Date('2026-11-24T06:00:00+08:00'),
      bookedTo: new Date('2026-11-24T08:00:00+08:00'),
    })
    .where(eq(legs.id, leg.id));
  return { district, compound, hospital, vehicle, leg, driver: driver.client, driverAccount: driver.account };
}

const fix = (lng: number, lat: number) => ({
  lng,
  lat,
  accuracy: 8,
  heading: 90,
  speed: 9,
  recordedAt: new Date().toISOString(),
});

describe('position reports', () => {
  it('stores the position, pushes it to the district’s dispatch only, and pushes the ETA to hospital and gate', async () => {
    const { district, compound, hospital, vehicle, leg, driver } = await vehicleOnAJob();
    const dispatch = (await connectAs('dispatcher', { districtIds: [district.id] })).client;
    const otherDistrict = await createDistrict(server.app.db);
    const otherDispatch = (await connectAs('dispatcher', { districtIds: [otherDistrict.id] })).client;
    const hospitalDesk = (await connectAs('hospital', { hospitalId: hospital.id })).client;
    const gatekeeper = (await connectAs('gatekeeper', { compoundIds: [compound.id] })).client;
    const otherHospital = (
      await connectAs('hospital', { hospitalId: (await createHospital(server.app.db)).id })
    ).client;

    // ~2.5 km from the compound's gate (121.431, 31.17).
    const reply = await driver.socket.emitWithAck('position', fix(121.431, 31.1925));
    expect(reply).toMatchObject({ ok: true, eta: { legId: leg.id } });

    const [stored] = await server.app.db.select().from(vehicles).where(eq(vehicles.id, vehicle.id));
    expect(stored).toMatchObject({ lastLng: 121.431, lastLat: 31.1925 });
    expect(stored!.lastSeenAt).toBeInstanceOf(Date);

    await dispatch.waitFor(() => dispatch.positions.length === 1);
    expect(dispatch.positions[0]).toMatchObject({
      vehicleId: vehicle.id,
      lng: 121.431,
      lat: 31.1925,
      speed: 9,
    });

    for (const client of [hospitalDesk, gatekeeper]) {
      const [eta] = await client.waitFor((events) => events.some((e) => e.type === 'leg.eta_updated'));
      const payload = eta!.payload as unknown as LegEtaUpdated;
      expect(payload).toMatchObject({ legId: leg.id, vehicleId: vehicle.id, stop: 'pickup' });
      // 2.5 km × 1.35 detour at 30 km/h ≈ 6.7 min (planner's travel model).
      expect(payload.minutes).toBeGreaterThan(5);
      expect(payload.minutes).toBeLessThan(9);
    }
    expect(hospitalDesk.events[0]!.stream).toBe(rooms.hospital(hospital.id));
    await settle();
    expect(otherDispatch.positions).toEqual([]);
    expect(otherHospital.events).toEqual([]);
    expect(driver.events).toEqual([]);
  });

  it('accepts one report per vehicle per interval and answers extra ones with too_many_requests', async () => {
    const { driver } = await vehicleOnAJob('ambulance_120');
    expect(await driver.socket.emitWithAck('position', fix(121.44, 31.18))).toMatchObject({ ok: true });
    expect(await driver.socket.emitWithAck('position', fix(121.441, 31.18))).toEqual({
      ok: false,
      error: { code: 'too_many_requests', message: expect.any(String), retryAfterSeconds: 2 },
    });
  });

  it('refuses a second device of the same vehicle within the interval (the limit is in the database)', async () => {
    const { driver, driverAccount } = await vehicleOnAJob();
    expect(await driver.socket.emitWithAck('position', fix(121.44, 31.18))).toMatchObject({ ok: true });
    // The same driver on a second device: no per-socket memory to lean on.
    const second = await connectClient(
      server,
      await loginAs(server, driverAccount.username, driverAccount.password),
    );
    clients.push(second);
    expect(await second.socket.emitWithAck('position', fix(121.44, 31.18))).toMatchObject({
      ok: false,
      error: { code: 'too_many_requests' },
    });
  });
  it('stores reports of many vehicles arriving together, and of two devices of one vehicle at once keeps one', async () => {
    const fleet = await Promise.all(Array.from({ length: 6 }, () => vehicleOnAJob()));
    const replies = await Promise.all(
      fleet.map(({ driver }, i) => driver.socket.emitWithAck('position', fix(121.44 + i / 1000, 31.18))),
    );
    for (const [i, reply] of replies.entries()) {
      expect(reply).toMatchObject({ ok: true, eta: { legId: fleet[i]!.leg.id } });
    }
    const stored = await server.app.db
      .select({ id: vehicles.id, lng: vehicles.lastLng })
      .from(vehicles)
      .where(
        inArray(
          vehicles.id,
          fleet.map((f) => f.vehicle.id),
        ),
      );
    expect(new Map(stored.map((v) => [v.id, v.lng]))).toEqual(
      new Map(fleet.map((f, i) => [f.vehicle.id, 121.44 + i / 1000])),
    );

    const { driver, driverAccount } = await vehicleOnAJob();
    const second = await connectClient(
      server,
      await loginAs(server, driverAccount.username, driverAccount.password),
    );
    clients.push(second);
    const both = await Promise.all(
      [driver, second].map((c) => c.socket.emitWithAck('position', fix(121.45, 31.18))),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'too_many_requests' } });
  });
});

describe('stale vehicles', () => {
  it('flags a silent vehicle on a job to dispatch once, and clears it when the vehicle is heard again', async () => {
    const { district, vehicle, driver } = await vehicleOnAJob();
    const idle = await createVehicle(server.app.db, district.id);
    const dispatch = (await connectAs('dispatcher', { districtIds: [district.id] })).client;
    const later = new Date(Date.now() + 10 * 60_000);

    const flagged = await flagStaleVehicles({ db: server.app.db, now: later });
    const [stale] = await dispatch.waitFor((events) => events.length === 1);
    expect(stale).toMatchObject({ type: 'vehicle.stale', stream: rooms.district(district.id) });
    expect(stale!.payload as unknown as VehicleStale).toEqual({
      vehicleId: vehicle.id,
      districtId: district.id,
      stale: true,
      lastSeenAt: null,
    });
    expect(flagged.flatMap((e) => e.payload.vehicleId)).not.toContain(idle.id);

    expect(await flagStaleVehicles({ db: server.app.db, now: later })).toEqual([]);

    expect(await driver.socket.emitWithAck('position', fix(121.44, 31.18))).toMatchObject({ ok: true });
    const events = await dispatch.waitFor((all) =>
      all.some((e) => e.type === 'vehicle.stale' && e.payload.stale === false),
    );
    expect(events.filter((e) => e.type === 'vehicle.stale').map((e) => e.payload.stale)).toEqual([
      true,
      false,
    ]);
  });

  it('runs the sweep on the server’s own interval', async () => {
    const sweeping = await startTestServer({ staleSweepEveryMs: 50, vehicleStaleAfterMs: 1 });
    try {
      const { district } = await vehicleOnAJob('volunteer', sweeping);
      const dispatcher = await createAccount(sweeping.app.db, 'dispatcher', { districtIds: [district.id] });
      // The sweep may have flagged it before this socket exists: resume the district stream from the start.
      const dispatch = await connectClient(
        sweeping,
        await loginAs(sweeping, dispatcher.username, dispatcher.password),
        {
          resume: { [rooms.district(district.id)]: 0 },
        },
      );
      clients.push(dispatch);
      await dispatch.waitFor((events) => events.some((e) => e.type === 'vehicle.stale'));
    } finally {
      for (const client of clients.splice(0)) client.close();
      await sweeping.stop();
    }
  });
});

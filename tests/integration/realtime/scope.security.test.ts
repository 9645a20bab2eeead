import { rooms } from '@lastmeter/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
} from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted, settle, type TestClient } from '../../support/sockets.ts';
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
) {
  const account = await createAccount(server.app.db, role, scope);
  const client = await connectClient(server, await loginAs(server, account.username, account.password));
  clients.push(client);
  return client;
}

function handshake(auth: Record<string, unknown>) {
  const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (err: Error & { data?: { code: string } }) =>
      resolve(err.data?.code ?? err.message),
    );
  });
}

describe('realtime scope', () => {
  it('requires authentication', async () => {
    expect(await handshake({})).toBe('unauthenticated');
    expect(await handshake({ token: 'forged' })).toBe('unauthenticated');
  });

  it('refuses a handshake with malformed resume offsets', async () => {
    const account = await createAccount(server.app.db, 'admin');
    const token = await loginAs(server, account.username, account.password);
    expect(await handshake({ token, resume: { 'vehicle:x': -1 } })).toBe('validation_failed');
    expect(await handshake({ token, resume: 'everything' })).toBe('validation_failed');
  });

  it('delivers each event only to the vehicle, hospital, compound and district it is for', async () => {
    const districtA = await createDistrict(server.app.db);
    const districtB = await createDistrict(server.app.db);
    const compoundA = await createCompound(server.app.db, districtA.id);
    const compoundB = await createCompound(server.app.db, districtA.id);
    const hospitalA = await createHospital(server.app.db);
    const hospitalB = await createHospital(server.app.db);
    const vehicleA = await createVehicle(server.app.db, districtA.id);
    const vehicleB = await createVehicle(server.app.db, districtA.id);

    const driverA = await connectAs('driver', { vehicleId: vehicleA.id });
    const driverB = await connectAs('driver', { vehicleId: vehicleB.id });
    const hospA = await connectAs('hospital', { hospitalId: hospitalA.id });
    const hospB = await connectAs('hospital', { hospitalId: hospitalB.id });
    const gateA = await connectAs('gatekeeper', { compoundIds: [compoundA.id] });
    const gateB = await connectAs('gatekeeper', { compoundIds: [compoundB.id] });
    const dispatchA = await connectAs('dispatcher', { districtIds: [districtA.id] });
    const dispatchB = await connectAs('dispatcher', { districtIds: [districtB.id] });

    const event = await recordCommitted(server, { legId: 'x' }, [
      rooms.vehicle(vehicleA.id),
      rooms.hospital(hospitalA.id),
      rooms.compound(compoundA.id),
      rooms.district(districtA.id),
    ]);
    for (const client of [driverA, hospA, gateA, dispatchA]) {
      await client.waitFor((events) => events.length === 1);
      expect(client.events[0]!.id).toBe(event.eventId);
    }
    await settle();
    for (const client of [driverB, hospB, gateB, dispatchB]) expect(client.events).toEqual([]);
    for (const client of [driverA, hospA, gateA, dispatchA]) expect(client.events).toHaveLength(1);
  });

  it('replays nothing from a stream outside the socket’s scope, whoever names it', async () => {
    const district = await createDistrict(server.app.db);
    const mine = await createVehicle(server.app.db, district.id);
    const theirs = await createVehicle(server.app.db, district.id);
    for (let n = 1; n <= 3; n++) await recordCommitted(server, { n }, [rooms.vehicle(theirs.id)]);
    const driver = await connectAs('driver', { vehicleId: mine.id });

    const reply = await driver.socket.emitWithAck('resume', {
      streams: { [rooms.vehicle(theirs.id)]: 0, [rooms.district(district.id)]: 0 },
    });
    expect(reply).toEqual({ ok: true, streams: {} });

    const compound = await createCompound(server.app.db, district.id);
    const gatekeeper = await createAccount(server.app.db, 'gatekeeper', { compoundIds: [compound.id] });
    const viaHandshake = await connectClient(
      server,
      await loginAs(server, gatekeeper.username, gatekeeper.password),
      { resume: { [rooms.vehicle(theirs.id)]: 0, [rooms.district(district.id)]: 0 } },
    );
    clients.push(viaHandshake);
    await settle();
    expect(driver.events).toEqual([]);
    expect(viaHandshake.events).toEqual([]);
  });
});

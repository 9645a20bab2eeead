import { rooms } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../support/database.ts';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// Two nodes need Redis and a database two processes' worth of pools can share: PostgreSQL
// (an embedded PGlite belongs to one server). CI sets both.
const clustered = Boolean(process.env.REDIS_URL) && usingPostgres;

let database: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  if (!clustered) return;
  database = await createTestDatabase();
  nodeA = await startTestServer({ redisUrl: process.env.REDIS_URL }, database);
  nodeB = await startTestServer({ redisUrl: process.env.REDIS_URL }, database);
});
afterAll(async () => {
  if (!clustered) return;
  for (const client of clients) client.close();
  await nodeA.stop();
  await nodeB.stop();
  await database.drop();
});

async function connectAs(
  node: TestServer,
  role: Parameters<typeof createAccount>[1],
  scope: Parameters<typeof createAccount>[2],
) {
  const account = await createAccount(node.app.db, role, scope);
  const client = await connectClient(node, await loginAs(node, account.username, account.password));
  clients.push(client);
  return client;
}

describe('two server nodes on one PostgreSQL with Redis', () => {
  it.skipIf(!clustered)(
    'delivers an event recorded on node A to a driver connected to node B, and only to it',
    async () => {
      const district = await createDistrict(nodeA.app.db);
      const vehicle = await createVehicle(nodeA.app.db, district.id);
      const other = await createVehicle(nodeA.app.db, district.id);
      const driverOnB = await connectAs(nodeB, 'driver', { vehicleId: vehicle.id });
      const otherOnA = await connectAs(nodeA, 'driver', { vehicleId: other.id });

      const recorded = await recordCommitted(nodeA, { n: 1 }, [rooms.vehicle(vehicle.id)]);
      const [event] = await driverOnB.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({ id: recorded.eventId, stream: rooms.vehicle(vehicle.id), offset: 1 });

      // Recorded through either node, delivered by the node the socket is on, in offset order.
      const second = await recordCommitted(nodeB, { n: 2 }, [rooms.vehicle(vehicle.id)]);
      const third = await recordCommitted(nodeA, { n: 3 }, [rooms.vehicle(vehicle.id)]);
      await driverOnB.waitFor((events) => events.length === 3);
      expect(driverOnB.events.map((e) => e.id)).toEqual([recorded.eventId, second.eventId, third.eventId]);
      await settle();
      expect(otherOnA.events).toEqual([]);
    },
  );

  it.skipIf(!clustered)(
    'both nodes deliver a dispatch event to their own sockets, once each, with no node publishing it',
    async () => {
      const district = await createDistrict(nodeA.app.db);
      const onA = await connectAs(nodeA, 'dispatcher', { districtIds: [district.id] });
      const onB = await connectAs(nodeB, 'dispatcher', { districtIds: [district.id] });
      // Recorded through node A's pool; neither node publishes it, both tail the outbox.
      const recorded = await recordCommitted(nodeA, { n: 1 }, [rooms.district(district.id)]);
      await onA.waitFor((events) => events.length === 1);
      await onB.waitFor((events) => events.length === 1);
      await settle();
      expect(onA.events.map((e) => e.id)).toEqual([recorded.eventId]);
      expect(onB.events.map((e) => e.id)).toEqual([recorded.eventId]);
    },
  );

  it.skipIf(!clustered)('pushes a position reported on node B to dispatch on node A', async () => {
    const district = await createDistrict(nodeA.app.db);
    const vehicle = await createVehicle(nodeA.app.db, district.id);
    const dispatchOnA = await connectAs(nodeA, 'dispatcher', { districtIds: [district.id] });
    const driverOnB = await connectAs(nodeB, 'driver', { vehicleId: vehicle.id });
    const reply = await driverOnB.socket.emitWithAck('position', {
      lng: 121.44,
      lat: 31.18,
      recordedAt: new Date().toISOString(),
    });
    expect(reply).toMatchObject({ ok: true });
    await dispatchOnA.waitFor(() => dispatchOnA.positions.length === 1);
    expect(dispatchOnA.positions[0]).toMatchObject({ vehicleId: vehicle.id, lng: 121.44 });
  });
});

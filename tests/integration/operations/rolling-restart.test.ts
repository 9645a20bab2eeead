import { openDatabase, queryRows } from '@lastmeter/db';
import { recordEvents } from '@lastmeter/server/domain/events/record-event.ts';
import { syntheticEvent } from '@lastmeter/server/domain/events/synthetic-event.ts';
import { rooms, type StreamEvent } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Balancer, startBalancer } from '../../support/balancer.ts';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../support/database.ts';
import { createAccount, createDistrict, createHospital, createVehicle } from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// Two nodes need Redis and a PostgreSQL both can share; CI sets both (skipped otherwise).
const clustered = Boolean(process.env.REDIS_URL) && usingPostgres;

/**
 * A client as the web app is one (web/src/realtime/socket.ts): socket.io-client with automatic
 * reconnection, its last offsets sent in every handshake. It reaches the nodes through a balancer.
 */
interface Client {
  socket: Socket;
  offsets: Map<string, number>;
  received: StreamEvent[];
  duplicates: number;
  gaps: number;
  hints: number;
  welcomes: number;
}

function connectThrough(balancer: Balancer, token: string): Promise<Client> {
  const client: Client = {
    socket: undefined as unknown as Socket,
    offsets: new Map(),
    received: [],
    duplicates: 0,
    gaps: 0,
    hints: 0,
    welcomes: 0,
  };
  client.socket = io(balancer.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 500,
    auth: (send) => send({ token, resume: Object.fromEntries(client.offsets) }),
  });
  client.socket.on('event', (event: StreamEvent) => {
    const last = client.offsets.get(event.stream) ?? 0;
    if (event.offset <= last) return void client.duplicates++;
    if (event.offset !== last + 1) client.gaps++;
    client.offsets.set(event.stream, event.offset);
    client.received.push(event);
  });
  client.socket.on('server:draining', () => client.hints++);
  return new Promise((resolve, reject) => {
    client.socket.on('welcome', () => {
      client.welcomes++;
      resolve(client);
    });
    client.socket.once('connect_error', reject);
  });
}

const WAKE = ['event', 'welcome', 'server:draining'] as const;

/** Resolves when `condition` holds, checking whenever a client receives something. */
function until(clients: Client[], condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      for (const c of clients) for (const name of WAKE) c.socket.off(name, check);
    };
    for (const c of clients) for (const name of WAKE) c.socket.on(name, check);
    check();
  });
}

let database: TestDatabase;
const nodes: TestServer[] = [];
let balancer: Balancer;
const clients: Client[] = [];

beforeAll(async () => {
  if (!clustered) return;
  database = await createTestDatabase();
  const config = { redisUrl: process.env.REDIS_URL, drainSpreadMs: 200 };
  nodes.push(await startTestServer(config, database), await startTestServer(config, database));
  balancer = await startBalancer(nodes.map((n) => n.port));
});
afterAll(async () => {
  if (!clustered) return;
  for (const c of clients) c.socket.close();
  await balancer.close();
  for (const node of nodes) await node.stop();
  await database.drop();
});

describe('rolling restart of two nodes under load', () => {
  it.skipIf(!clustered)(
    'every client reconnects to the other node and replays: nothing lost, nothing twice, in order',
    async () => {
      const db = nodes[0]!.app.db;
      const district = await createDistrict(db);
      const hospital = await createHospital(db);
      const vehicles = [await createVehicle(db, district.id), await createVehicle(db, district.id)];
      const people = [
        ...(await Promise.all(vehicles.map((v) => createAccount(db, 'driver', { vehicleId: v.id })))),
        await createAccount(db, 'dispatcher', { districtIds: [district.id] }),
        await createAccount(db, 'dispatcher', { districtIds: [district.id] }),
        await createAccount(db, 'hospital', { hospitalId: hospital.id }),
      ];
      for (const person of people) {
        clients.push(
          await connectThrough(balancer, await loginAs(nodes[0]!, person.username, person.password)),
        );
      }

      // Job events recorded all along, on a connection of their own, as any node's use cases would.
      const writer = await openDatabase({ url: database.url, migrate: false, maxConnections: 2 });
      let writing = true;
      let recorded = 0;
      const writes = (async () => {
        while (writing) {
          const vehicle = vehicles[recorded % vehicles.length]!;
          const recipients = [rooms.vehicle(vehicle.id), rooms.district(district.id)];
          if (recorded % 2 === 0) recipients.push(rooms.hospital(hospital.id));
          await writer.db.transaction((tx) =>
            recordEvents(tx, [syntheticEvent(recipients, { n: recorded })]),
          );
          recorded++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const receivedAtLeast = (n: number) => () => clients.every((c) => c.received.length >= n);

      try {
        await until(clients, receivedAtLeast(10), 'the first events');
        for (const index of [0, 1]) {
          const old = nodes[index]!;
          const welcomesBefore = clients.map((c) => c.welcomes);
          const hintsBefore = clients.map((c) => c.hints);
          await old.close();
          // The stopped node's clients were told, and are back — on the other node — while events flow.
          await until(clients, () => clients.some((c, i) => c.hints > hintsBefore[i]!), 'a drain hint');
          await until(
            clients,
            () =>
              clients.every(
                (c, i) =>
                  c.socket.connected && (c.hints === hintsBefore[i] || c.welcomes > welcomesBefore[i]!),
              ),
            'every client connected again',
          );
          const base = Math.max(...clients.map((c) => c.received.length));
          await until(clients, receivedAtLeast(base + 10), 'events after the restart');
          nodes[index] = await startTestServer(
            { redisUrl: process.env.REDIS_URL, drainSpreadMs: 200 },
            database,
          );
          balancer.setBackends(nodes.map((n) => n.port));
        }
      } finally {
        writing = false;
        await writes;
        await writer.close();
      }

      // Every stream's head, and every client at it with exactly offsets 1…head, once each, in order.
      const heads = new Map(
        (
          await queryRows<{ recipient: string; head: number | string }>(
            nodes[0]!.app.db,
            sql`select recipient, head from stream_heads`,
          )
        ).map((r) => [r.recipient, Number(r.head)]),
      );
      const complete = () =>
        clients.every((c) => [...c.offsets].every(([stream, offset]) => offset === (heads.get(stream) ?? 0)));
      await until(clients, complete, 'every client at its streams’ heads');
      expect(recorded).toBeGreaterThan(20);
      for (const client of clients) {
        expect(client.duplicates).toBe(0);
        expect(client.gaps).toBe(0);
        const streams = new Set(client.received.map((e) => e.stream));
        expect(streams.size).toBeGreaterThan(0);
        for (const stream of streams) {
          const offsets = client.received.filter((e) => e.stream === stream).map((e) => e.offset);
          expect(offsets).toEqual(Array.from({ length: heads.get(stream)! }, (_, i) => i + 1));
        }
      }
      // Both drains moved clients: each client was told at least once (each node held some of them).
      expect(clients.reduce((sum, c) => sum + c.hints, 0)).toBeGreaterThanOrEqual(clients.length);
    },
    120_000,
  );
});

import { queryRows } from '@lastmeter/db';
import { recordEvent } from '@lastmeter/server/domain/events/record-event.ts';
import { syntheticEvent } from '@lastmeter/server/domain/events/synthetic-event.ts';
import { type ResumeResult, rooms, type SocketAck } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  // A database that survives a server restart (PGlite in a temp folder, or PostgreSQL).
  database = await createTestDatabase({ persistent: true });
  server = await startTestServer({}, database);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
  await database.drop();
});

async function driverOfNewVehicle() {
  const district = await createDistrict(server.app.db);
  const vehicle = await createVehicle(server.app.db, district.id);
  const driver = await createAccount(server.app.db, 'driver', { vehicleId: vehicle.id });
  const token = await loginAs(server, driver.username, driver.password);
  return { district, vehicle, driver, token, stream: rooms.vehicle(vehicle.id) };
}

async function connect(token: string, options: { resume?: Record<string, number> } = {}) {
  const client = await connectClient(server, token, options);
  clients.push(client);
  return client;
}

function resume(client: TestClient, streams: Record<string, number>) {
  return client.socket.emitWithAck('resume', { streams }) as Promise<SocketAck<ResumeResult>>;
}

async function storedAck(stream: string): Promise<number | null> {
  const [row] = await queryRows<{ offset: string | number }>(
    server.app.db,
    sql`select "offset" from stream_acks where recipient = ${stream}`,
  );
  return row ? Number(row.offset) : null;
}

const offsetsOn = (client: TestClient, stream: string) =>
  client.events.filter((e) => e.stream === stream).map((e) => e.offset);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('durable delivery', () => {
  it('replays all 20 events missed across a server restart, in order, none twice, then continues live', async () => {
    const { token, stream } = await driverOfNewVehicle();
    const first = await connect(token);
    await recordCommitted(server, { n: 0 }, [stream]);
    await first.waitFor((events) => events.length === 1);
    const lastOffset = first.events[0]!.offset;
    first.close();

    for (let n = 1; n <= 20; n++) await recordCommitted(server, { n }, [stream]);
    await server.stop();
    server = await startTestServer({}, database);

    const back = await connect(token);
    const reply = await resume(back, { [stream]: lastOffset });
    expect(reply).toEqual({
      ok: true,
      streams: { [stream]: { from: lastOffset, to: lastOffset + 20, replayed: 20 } },
    });
    // The replayed events were emitted before the ack, so they are all here already.
    expect(offsetsOn(back, stream)).toEqual(range(lastOffset + 1, lastOffset + 20));
    expect(back.events.map((e) => e.payload.n)).toEqual(range(1, 20));
    expect(new Set(back.events.map((e) => e.id)).size).toBe(20);

    await recordCommitted(server, { n: 21 }, [stream]);
    await back.waitFor((events) => events.length === 21);
    expect(offsetsOn(back, stream)).toEqual(range(lastOffset + 1, lastOffset + 21));
  });

  it('replays from offsets given in the handshake before any live event', async () => {
    const { token, stream } = await driverOfNewVehicle();
    for (let n = 1; n <= 5; n++) await recordCommitted(server, { n }, [stream]);
    const client = await connect(token, { resume: { [stream]: 2 } });
    await recordCommitted(server, { n: 6 }, [stream]);
    await client.waitFor((events) => events.length === 4);
    expect(offsetsOn(client, stream)).toEqual([3, 4, 5, 6]);
  });

  it('neither loses nor repeats live events published while a replay is running', async () => {
    const { token, stream } = await driverOfNewVehicle();
    // More than one page of replay, so live events land while it is still reading the database.
    await server.app.db.transaction(async (tx) => {
      for (let n = 1; n <= 450; n++) {
        await recordEvent(tx, syntheticEvent([stream], { n }));
      }
    });
    const client = await connect(token);
    const replay = resume(client, { [stream]: 0 });
    // The first replayed event proves the server is replaying; publish live events from then on.
    await client.waitFor((events) => events.length > 0);
    for (let n = 451; n <= 460; n++) await recordCommitted(server, { n }, [stream]);
    await replay;
    await client.waitFor((events) => events.length >= 460);
    expect(offsetsOn(client, stream)).toEqual(range(1, 460));
    expect(client.events.map((e) => e.payload.n)).toEqual(range(1, 460));
  });

  it('delivers in offset order when transactions on one stream commit concurrently', async () => {
    const { token, stream } = await driverOfNewVehicle();
    const client = await connect(token);
    const recorded = await Promise.all(range(1, 10).map((n) => recordCommitted(server, { n }, [stream])));
    await client.waitFor((events) => events.length === 10);
    expect(offsetsOn(client, stream)).toEqual(range(1, 10));
    expect(new Set(client.events.map((e) => e.id))).toEqual(new Set(recorded.map((r) => r.eventId)));
  });

  it('lets a fresh device of the same account resume where the account acknowledged', async () => {
    const { token, stream, driver } = await driverOfNewVehicle();
    const phone = await connect(token);
    for (let n = 1; n <= 3; n++) await recordCommitted(server, { n }, [stream]);
    await phone.waitFor((events) => events.length === 3);
    const acked = await phone.socket.emitWithAck('ack', { stream, offset: 3 });
    expect(acked).toEqual({ ok: true });
    phone.close();
    for (let n = 4; n <= 5; n++) await recordCommitted(server, { n }, [stream]);

    const secondToken = await loginAs(server, driver.username, driver.password);
    // The ack is stored when the first socket closes; wait for the row rather than for a time.
    while ((await storedAck(stream)) !== 3) await new Promise((r) => setTimeout(r, 50));
    const tablet = await connect(secondToken);
    await tablet.waitFor((events) => events.length === 2);
    expect(offsetsOn(tablet, stream)).toEqual([4, 5]);
  });
});

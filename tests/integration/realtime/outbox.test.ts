import { queryRows } from '@lastmeter/db';
import { recordEvents } from '@lastmeter/server/domain/events/record-event.ts';
import { rooms } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '../../support/database.ts';
import { createVehicle } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, recordCommitted, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from '../patients/world.ts';

let server: TestServer;
let w: World;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
});

async function connect(token: string): Promise<TestClient> {
  const client = await connectClient(server, token);
  clients.push(client);
  return client;
}

/** A monday at least a week ahead, as YYYY-MM-DD (dialysis runs Mon/Wed/Fri in `patientBody`). */
function nextMonday(): string {
  const day = 86_400_000;
  const t = Date.now() + 7 * day;
  return new Date(t + ((8 - new Date(t).getUTCDay()) % 7) * day).toISOString().slice(0, 10);
}

/** Polls the node's delivery figures until `predicate` holds: waits for the state, not for a time. */
async function statsUntil(predicate: (stats: Awaited<ReturnType<TestServer['outbox']['stats']>>) => boolean) {
  for (let i = 0; i < 200; i++) {
    const stats = await server.outbox.stats();
    if (predicate(stats)) return stats;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`delivery figures never matched: ${JSON.stringify(await server.outbox.stats())}`);
}

describe('every committed event reaches its sockets without anyone publishing it', () => {
  it('delivers what a bare transaction records, to each recipient stream once', async () => {
    const vehicle = await createVehicle(w.db, w.district.id);
    const dispatch = await connect(w.dispatcher.token);
    const [recorded] = await w.db.transaction((tx) =>
      recordEvents(tx, [
        {
          type: 'vehicle.stale',
          payload: { vehicleId: vehicle.id, districtId: w.district.id, stale: true, lastSeenAt: null },
          actorId: null,
          recipients: [rooms.district(w.district.id), rooms.district(w.district.id)],
        },
      ]),
    );
    const [event] = await dispatch.waitFor((events) => events.some((e) => e.id === recorded!.eventId));
    expect(event).toMatchObject({ type: 'vehicle.stale', stream: rooms.district(w.district.id) });
    expect(dispatch.events.filter((e) => e.id === recorded!.eventId)).toHaveLength(1);
  });

  it('pushes new requests and emergencies to dispatch the moment they commit', async () => {
    const dispatch = await connect(w.dispatcher.token);
    const registered = await api<{ id: string }>(
      server,
      'POST',
      `/api/v1/compounds/${w.compoundA.id}/patients`,
      {
        token: w.gatekeeperA.token,
        body: patientBody({ regularHospitalId: w.hospital.id }),
      },
    );
    expect(registered.status).toBe(201);
    await dispatch.waitFor((events) => events.some((e) => e.type === 'patient.registered'));

    const emergency = await api<{ id: string }>(
      server,
      'POST',
      `/api/v1/patients/${registered.body.id}/requests`,
      {
        token: w.gatekeeperA.token,
        body: { urgency: 'emergency', service: 'emergency' },
      },
    );
    expect(emergency.status).toBe(201);
    const [raised] = (
      await dispatch.waitFor((events) => events.some((e) => e.type === 'request.emergency'))
    ).filter((e) => e.type === 'request.emergency');
    expect(raised).toMatchObject({
      stream: rooms.district(w.district.id),
      payload: { requestId: emergency.body.id },
    });

    const date = nextMonday();
    const oneOff = await api(server, 'POST', `/api/v1/patients/${registered.body.id}/requests`, {
      token: w.dispatcher.token,
      body: {
        urgency: 'scheduled',
        service: 'general',
        windowStart: `${date}T13:00:00+08:00`,
        windowEnd: `${date}T13:30:00+08:00`,
        treatmentMinutes: 45,
      },
    });
    expect(oneOff.status).toBe(201);
    await dispatch.waitFor((events) => events.some((e) => e.type === 'request.created'));

    const generated = await api<{ created: number }>(server, 'POST', '/api/v1/requests/generate', {
      token: w.dispatcher.token,
      body: { date, districtId: w.district.id },
    });
    expect(generated.body.created).toBeGreaterThan(0);
    const [batch] = (
      await dispatch.waitFor((events) => events.some((e) => e.type === 'requests.generated'))
    ).filter((e) => e.type === 'requests.generated');
    expect(batch!.payload).toMatchObject({ date, created: generated.body.created });
  });

  it('delivers what committed while the node was not listening, once it listens again', async () => {
    const driver = await connect(w.driver.token);
    const stream = driver.rooms.find((room) => room.startsWith('vehicle:'))!;
    expect(stream).toBeDefined();
    await server.outbox.stop();
    const missed = await recordCommitted(server, { n: 1 }, [stream]);
    const after = await server.outbox.stats();
    expect(after.listening).toBe(false);
    expect(after.backlog).toBeGreaterThanOrEqual(1);
    expect(driver.events.some((e) => e.id === missed.eventId)).toBe(false);

    await server.outbox.start();
    await driver.waitFor((events) => events.some((e) => e.id === missed.eventId));
    const next = await recordCommitted(server, { n: 2 }, [stream]);
    await driver.waitFor((events) => events.some((e) => e.id === next.eventId));
    expect(driver.events.filter((e) => e.stream === stream).map((e) => e.payload.n)).toEqual([1, 2]);
  });

  it.skipIf(!usingPostgres)(
    're-subscribes when its listener connection is killed and delivers what committed meanwhile',
    async () => {
      const driver = await connect(w.driver.token);
      const stream = driver.rooms.find((room) => room.startsWith('vehicle:'))!;
      const before = await statsUntil((s) => s.listening);
      await queryRows(
        w.db,
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and application_name = 'lastmeter-listener'`,
      );
      const meanwhile = await recordCommitted(server, { n: 'meanwhile' }, [stream]);
      await driver.waitFor((events) => events.some((e) => e.id === meanwhile.eventId));
      await statsUntil((s) => s.listening && s.subscriptions > before.subscriptions);
      const later = await recordCommitted(server, { n: 'later' }, [stream]);
      await driver.waitFor((events) => events.some((e) => e.id === later.eventId));
    },
  );

  it('reports its figures: nothing recorded is left behind', async () => {
    const stats = await statsUntil((s) => s.backlog === 0);
    expect(stats).toMatchObject({ listening: true, backlog: 0 });
    expect(stats.lastDeliveredId).toBeGreaterThanOrEqual(stats.lastRecordedId);
    expect(stats.notices).toBeGreaterThan(0);
    expect(stats.pushedEvents).toBeGreaterThan(0);
  });
});

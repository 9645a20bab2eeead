import { rooms } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let driver: TestClient;
let stream: string;
beforeAll(async () => {
  server = await startTestServer();
  const district = await createDistrict(server.app.db);
  const vehicle = await createVehicle(server.app.db, district.id);
  const account = await createAccount(server.app.db, 'driver', { vehicleId: vehicle.id });
  driver = await connectClient(server, await loginAs(server, account.username, account.password));
  stream = rooms.vehicle(vehicle.id);
});
afterAll(async () => {
  driver.close();
  await server.stop();
});

// The typed client would not let us send these; the server must cope with any client.
const raw = (event: string, ...args: unknown[]) =>
  (driver.socket as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> }).emitWithAck(
    event,
    ...args,
  );

describe('malformed socket payloads', () => {
  it.each([
    ['resume', undefined, ''],
    ['resume', 'not an object', ''],
    ['resume', { streams: { 'vehicle:nope': 1 } }, 'streams.vehicle:nope'],
    ['resume', { streams: {}, extra: true }, 'extra'],
    ['ack', { stream: 'x', offset: 1 }, 'stream'],
    ['ack', { stream: 'vehicle:00000000-0000-0000-0000-000000000000', offset: 1.5 }, 'offset'],
    ['position', { lng: 200, lat: 31, recordedAt: new Date().toISOString() }, 'lng'],
    ['position', { lng: 121, lat: 31, recordedAt: 'yesterday' }, 'recordedAt'],
  ])('%s %j → validation_failed naming %s', async (event, payload, path) => {
    const reply = (await (payload === undefined ? raw(event) : raw(event, payload))) as {
      ok: boolean;
      error: { code: string; issues: Array<{ path: string }> };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('validation_failed');
    expect(reply.error.issues.map((i) => i.path)).toContain(path);
  });

  it('rejects a position from the future', async () => {
    const reply = await driver.socket.emitWithAck('position', {
      lng: 121.44,
      lat: 31.18,
      recordedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'recordedAt' }] },
    });
  });

  it('ignores unknown events and payloads without a callback, and stays healthy and connected', async () => {
    (driver.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('drop_tables', {
      all: true,
    });
    (driver.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('resume', 42);
    (driver.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('position');
    expect(await driver.socket.emitWithAck('ping')).toMatchObject({ ok: true });
    expect(driver.socket.connected).toBe(true);
    expect((await api(server, 'GET', '/api/health')).status).toBe(200);
    await recordCommitted(server, {}, [stream]);
    await driver.waitFor((events) => events.length === 1);
  });

  it('acknowledges a ping that carries a payload like one without, `{ ok: true, at }`', async () => {
    const untyped = driver.socket as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    for (const args of [[{ x: 1 }], ['hello'], [null], []]) {
      const reply = (await untyped.emitWithAck('ping', ...args)) as { ok: boolean; at: string };
      expect(reply).toMatchObject({ ok: true });
      expect(Number.isNaN(Date.parse(reply.at))).toBe(false);
    }
  });

  it('refuses positions from accounts without a vehicle', async () => {
    const admin = await createAccount(server.app.db, 'admin');
    const client = await connectClient(server, await loginAs(server, admin.username, admin.password));
    const reply = await client.socket.emitWithAck('position', {
      lng: 121.44,
      lat: 31.18,
      recordedAt: new Date().toISOString(),
    });
    client.close();
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

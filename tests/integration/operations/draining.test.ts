import { connect as connectTcp, type Socket as TcpSocket } from 'node:net';
import type { Readiness } from '@lastmeter/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Sends an HTTP request's head and waits for `100 Continue`: the server is now serving it. */
async function startRequest(
  port: number,
  body: string,
): Promise<{ socket: TcpSocket; finish(): Promise<string> }> {
  const socket = connectTcp(port, '127.0.0.1');
  let received = '';
  const continued = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (received.includes('100 Continue')) resolve();
    });
    socket.once('error', reject);
  });
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await continued;
  return {
    socket,
    finish() {
      socket.write(body);
      return ended;
    },
  };
}

describe('draining (SIGTERM)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metricsPort: 0, drainSpreadMs: 0 });
  });
  afterAll(() => server.stop());

  it('turns readiness false, stops accepting, tells each socket to reconnect elsewhere, and finishes in-flight requests', async () => {
    const district = await createDistrict(server.app.db);
    const vehicle = await createVehicle(server.app.db, district.id);
    const account = await createAccount(server.app.db, 'driver', { vehicleId: vehicle.id });
    const driver = await connectClient(server, await loginAs(server, account.username, account.password));
    const hint = new Promise<{ reconnectInMs: number }>((resolve) =>
      driver.socket.once('server:draining', resolve),
    );
    const gone = new Promise<string>((resolve) => driver.socket.once('disconnect', resolve));
    const ready = await fetch(`${server.internalUrl}/api/ready`);
    expect(ready.status).toBe(200);

    const inFlight = await startRequest(
      server.port,
      JSON.stringify({ username: account.username, password: 'wrong' }),
    );
    const drained = server.drain();

    expect((await hint).reconnectInMs).toBeGreaterThanOrEqual(0);
    // A transport close, not a server-side disconnect: socket.io clients reconnect by themselves.
    expect(await gone).toBe('transport close');
    await drained;

    const notReady = await fetch(`${server.internalUrl}/api/ready`);
    expect(notReady.status).toBe(503);
    expect((await notReady.json()) as Readiness).toMatchObject({ ready: false, draining: true });
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

    // The request started before the drain gets its answer; then the server closes the connection
    // (`finish` resolves on close).
    const response = await inFlight.finish();
    expect(response).toMatch(/HTTP\/1\.1 401/);
    const metrics = await (await fetch(`${server.internalUrl}/metrics`)).text();
    expect(metrics).toMatch(/^lastmeter_draining 1$/m);
  });
});

describe('an overloaded node refuses new sockets with a clear error', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxSockets: 1, metricsToken: 'metrics-token-for-tests-0123456789' });
  });
  afterAll(() => server.stop());

  it('answers `unavailable` with a retry time beyond MAX_SOCKETS, and serves the sockets it holds', async () => {
    const district = await createDistrict(server.app.db);
    const vehicle = await createVehicle(server.app.db, district.id);
    const account = await createAccount(server.app.db, 'driver', { vehicleId: vehicle.id });
    const token = await loginAs(server, account.username, account.password);
    const first = await connectClient(server, token);

    const second = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token },
    });
    const refusal = await new Promise<Error & { data?: unknown }>((resolve) =>
      second.once('connect_error', resolve),
    );
    second.close();
    expect(refusal.message).toBe('unavailable');
    expect(refusal.data).toMatchObject({ code: 'unavailable', reason: 'busy', retryAfterSeconds: 5 });

    expect(await first.socket.emitWithAck('ping')).toMatchObject({ ok: true });
    const metrics = await api<string>(server, 'GET', '/metrics', {
      token: 'metrics-token-for-tests-0123456789',
    });
    expect(metrics.body).toMatch(/^lastmeter_sockets_refused_total\{reason="busy"\} 1$/m);
    first.close();
  });
});

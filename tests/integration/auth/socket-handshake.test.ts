import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCompound, createDistrict } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.stop();
});

function connect(options: { token?: string; cookie?: string }): Socket {
  const socket = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.cookie ? { cookie: options.cookie } : {},
  });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket) {
  return new Promise<{ ok: true; welcome: { rooms: string[] } } | { ok: false; code: string }>((resolve) => {
    socket.once('welcome', (welcome) => resolve({ ok: true, welcome }));
    socket.once('connect_error', (err: Error & { data?: { code: string } }) =>
      resolve({ ok: false, code: err.data?.code ?? err.message }),
    );
  });
}

describe('Socket.IO handshake', () => {
  it('refuses a socket without a session', async () => {
    expect(await outcome(connect({}))).toEqual({ ok: false, code: 'unauthenticated' });
  });

  it('refuses a forged token', async () => {
    expect(await outcome(connect({ token: 'not-a-session' }))).toEqual({
      ok: false,
      code: 'unauthenticated',
    });
  });

  it('accepts a valid session and puts the socket only in the rooms of its scope', async () => {
    const district = await createDistrict(server.app.db);
    const compound = await createCompound(server.app.db, district.id);
    const gatekeeper = await createAccount(server.app.db, 'gatekeeper', { compoundIds: [compound.id] });
    const token = await loginAs(server, gatekeeper.username, gatekeeper.password);
    const result = await outcome(connect({ token }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.welcome.rooms).toContain(`compound:${compound.id}`);
    expect(result.welcome.rooms.filter((r) => r.startsWith('district:') || r.startsWith('vehicle:'))).toEqual(
      [],
    );
  });

  it('authenticates with the browser cookie too, and logout disconnects the live socket', async () => {
    const admin = await createAccount(server.app.db, 'admin');
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: admin.username, password: admin.password },
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const socket = connect({ cookie });
    expect((await outcome(socket)).ok).toBe(true);
    const ended = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const token = (res.body as { token: string }).token;
    await api(server, 'POST', '/api/v1/auth/logout', { token });
    expect(await ended).toBe('io server disconnect');
    expect(await outcome(connect({ cookie }))).toEqual({ ok: false, code: 'unauthenticated' });
  });
});

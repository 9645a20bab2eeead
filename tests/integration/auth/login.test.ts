import { sessions } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createDistrict } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('POST /api/v1/auth/login', () => {
  it('opens a session: bearer token, httpOnly SameSite cookie, and /me works with either', async () => {
    const district = await createDistrict(server.app.db);
    const account = await createAccount(server.app.db, 'dispatcher', { districtIds: [district.id] });
    const res = await api<{ token: string; me: { username: string } }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: account.username, password: account.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.me.username).toBe(account.username);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/lm_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const viaBearer = await api<{ scope: { districtIds: string[] } }>(server, 'GET', '/api/v1/auth/me', {
      token: res.body.token,
    });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.scope.districtIds).toEqual([district.id]);
    const viaCookie = await api(server, 'GET', '/api/v1/auth/me', {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(viaCookie.status).toBe(200);
  });

  it('rejects a wrong password and an unknown user with the same 401', async () => {
    const account = await createAccount(server.app.db, 'admin');
    const wrong = await api<{ code: string }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: account.username, password: 'nope' },
    });
    const unknown = await api<{ code: string }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'nobody-here', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');
  });

  it('throttles an account after 5 failures in 15 minutes, even with the right password', async () => {
    const account = await createAccount(server.app.db, 'gatekeeper');
    for (let i = 0; i < 5; i++) {
      const res = await api(server, 'POST', '/api/v1/auth/login', {
        body: { username: account.username, password: 'x' },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await api<{ code: string }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: account.username, password: account.password },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await createAccount(server.app.db, 'gatekeeper');
    await expect(loginAs(server, other.username, other.password)).resolves.toBeTruthy();
  });

  it('answers in Chinese by default and in English when asked', async () => {
    const zh = await api<{ title: string }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'a', password: 'b' },
    });
    const en = await api<{ title: string }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'a', password: 'b' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(zh.body.title).toBe('用户名或密码错误');
    expect(en.body.title).toBe('Wrong username or password');
  });
});

describe('sessions', () => {
  it('logout revokes the token at once', async () => {
    const account = await createAccount(server.app.db, 'admin');
    const token = await loginAs(server, account.username, account.password);
    expect((await api(server, 'POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await api<{ code: string }>(server, 'GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
  });

  it('expires after the idle timeout', async () => {
    const account = await createAccount(server.app.db, 'admin');
    const token = await loginAs(server, account.username, account.password);
    const idle = new Date(Date.now() - (server.app.config.sessionIdleSeconds + 5) * 1000);
    await server.app.db.update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.accountId, account.id));
    const res = await api<{ code: string }>(server, 'GET', '/api/v1/auth/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('expires at the absolute expiry even when active', async () => {
    const account = await createAccount(server.app.db, 'admin');
    const token = await loginAs(server, account.username, account.password);
    await server.app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
      .where(eq(sessions.accountId, account.id));
    const res = await api<{ code: string }>(server, 'GET', '/api/v1/auth/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('rejects a made-up token', async () => {
    const res = await api<{ code: string }>(server, 'GET', '/api/v1/auth/me', { token: 'forged-token' });
    expect(res.status).toBe(401);
  });
});

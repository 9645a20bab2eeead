import { queryRows } from '@lastmeter/db';
import type { Readiness } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const redisUrl = process.env.REDIS_URL;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ redisUrl });
});
afterAll(() => server.stop());

describe('GET /api/ready', () => {
  it('is ready with the database reachable, its migrations applied, and Redis when configured', async () => {
    const res = await api<Readiness>(server, 'GET', '/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ready: true,
      draining: false,
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        redis: { ok: true, configured: Boolean(redisUrl) },
        outbox: { ok: true },
      },
      sockets: 0,
    });
    expect(res.body.checks.migrations.applied).toBe(res.body.checks.migrations.expected);
  });

  it('GET /api/health stays a liveness answer: 200 with the database reported', async () => {
    const res = await api<{ status: string }>(server, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('is not ready when the database lacks a migration this build ships (a database behind the code)', async () => {
    const [last] = await queryRows<{ id: number; hash: string; created_at: number | string }>(
      server.app.db,
      sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await server.app.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
    try {
      const res = await api<Readiness>(server, 'GET', '/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.ready).toBe(false);
      expect(res.body.checks.migrations).toMatchObject({
        ok: false,
        detail: expect.stringContaining('migrations'),
      });
      expect(res.body.checks.database.ok).toBe(true);
    } finally {
      await server.app.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`,
      );
    }
    expect((await api(server, 'GET', '/api/ready')).status).toBe(200);
  });
});

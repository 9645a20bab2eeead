import { routes } from '@lastmeter/server/http/routes/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Generated from the route list (Unkey's common-tests idea): every route that needs a session
 * refuses a request without one, and one with a forged token, before looking at the input.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const sessionRoutes = routes.filter((r) => r.auth === 'session');
const samplePath = (path: string) => path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');

describe('requires authentication', () => {
  it.each(sessionRoutes.map((r) => [r.method.toUpperCase(), r.path] as const))(
    '%s %s',
    async (method, path) => {
      const anonymous = await api<{ code: string }>(server, method, samplePath(path), {
        body: method === 'GET' ? undefined : {},
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('unauthenticated');
      const forged = await api<{ code: string }>(server, method, samplePath(path), {
        token: 'forged',
        body: method === 'GET' ? undefined : {},
      });
      expect(forged.status).toBe(401);
    },
  );
});

describe('system endpoints', () => {
  it('GET /api/health reports the database', async () => {
    const res = await api<{ status: string; database: { reachable: boolean; driver: string } }>(
      server,
      'GET',
      '/api/health',
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.reachable).toBe(true);
    expect(res.body.database.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('GET /api/openapi.json lists every route, generated from the schemas', async () => {
    const res = await api<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>(server, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const login = res.body.paths['/api/v1/auth/login']?.post as { requestBody: unknown };
    expect(JSON.stringify(login.requestBody)).toContain('#/components/schemas/LoginBody');
    expect(Object.keys(res.body.components.schemas.LoginBody?.properties ?? {})).toEqual([
      'username',
      'password',
    ]);
  });

  it('sends security headers', async () => {
    const res = await api(server, 'GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

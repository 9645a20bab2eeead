import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await createAccount(server.app.db, 'admin');
  adminToken = await loginAs(server, admin.username, admin.password);
});
afterAll(() => server.stop());

interface ProblemBody {
  code: string;
  status: number;
  issues?: Array<{ path: string; message: string }>;
}

function expectProblem(
  res: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect((res.body as ProblemBody).code).toBe(code);
  return res.body as ProblemBody;
}

describe('bad input is a 4xx problem naming the field, never a 5xx', () => {
  it('malformed JSON', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      rawBody: '{"username": "a", ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('wrong types name each field', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 42, password: ['x'] } });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.issues?.map((i) => i.path).sort()).toEqual(['body.password', 'body.username']);
  });

  it('missing fields are named', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', { body: {} });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.issues?.map((i) => i.path).sort()).toEqual(['body.password', 'body.username']);
  });

  it('unknown fields are refused by name', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'a', password: 'b', role: 'admin' },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.issues?.map((i) => i.path)).toEqual(['body.role']);
  });

  it('a body that is not an object', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      rawBody: '"just a string"',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('an oversize body', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'a', password: 'x'.repeat(400_000) },
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('a form-encoded body where JSON is expected', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      rawBody: 'username=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('bad query parameters are named', async () => {
    const res = await api(server, 'GET', '/api/v1/audit?limit=abc&actorId=not-a-uuid', { token: adminToken });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.issues?.map((i) => i.path).sort()).toEqual(['query.actorId', 'query.limit']);
  });

  it("field messages follow the caller's language", async () => {
    const res = await api<ProblemBody>(server, 'POST', '/api/v1/auth/login', {
      body: { username: 42, password: 'x' },
    });
    expect(res.body.issues?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('an unknown API route is a 404 problem', async () => {
    expectProblem(await api(server, 'GET', '/api/v1/nothing-here'), 404, 'not_found');
  });
});

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

describe('one rule for text at the boundary', () => {
  it('a NUL byte in a field is a 400 naming it, in Chinese by default', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'a\u0000b', password: 'x' },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.issues).toEqual([
      expect.objectContaining({ path: 'body.username', message: '含有不允许的控制字符（如 NUL）' }),
    ]);
  });

  it('control characters in query strings are named too', async () => {
    for (const query of ['entity=%00', 'entityId=a%1Bb']) {
      const res = await api(server, 'GET', `/api/v1/audit?${query}`, { token: adminToken });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.issues?.[0]?.path).toBe(`query.${query.split('=')[0]}`);
    }
  });

  it('a name is one line; notes may have several; text is stored NFC-normalized', async () => {
    const center = { lng: 121.4, lat: 31.2 };
    const twoLines = await api(server, 'POST', '/api/v1/districts', {
      token: adminToken,
      body: { code: 'T1', name: '徐汇\n区', city: '上海市', center },
    });
    expect(expectProblem(twoLines, 400, 'validation_failed').issues?.[0]?.path).toBe('body.name');
    const decomposed = await api<{ name: string }>(server, 'POST', '/api/v1/districts', {
      token: adminToken,
      body: { code: 'T2', name: 'Cafe\u0301', city: '上海市', center },
    });
    expect(decomposed.status).toBe(201);
    expect(decomposed.body.name).toBe('Caf\u00e9');
  });

  it('dates are ISO strings: true, null and 0 are refused, not read as 1970', async () => {
    const district = await api<{ id: string }>(server, 'POST', '/api/v1/districts', {
      token: adminToken,
      body: { code: 'T3', name: '区', city: '上海市', center: { lng: 121.4, lat: 31.2 } },
    });
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.2],
          [121.41, 31.2],
          [121.41, 31.21],
          [121.4, 31.2],
        ],
      ],
    };
    for (const validFrom of [true, null, 0]) {
      const res = await api(server, 'POST', `/api/v1/districts/${district.body.id}/zones`, {
        token: adminToken,
        body: { name: '区域', level: 'sealed', geometry, validFrom },
      });
      expect(expectProblem(res, 400, 'validation_failed').issues?.[0]?.path).toBe('body.validFrom');
    }
  });
});

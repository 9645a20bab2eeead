import { auditLog } from '@lastmeter/db';
import type { District } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createDistrict } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: string;
let dispatcher: string;
let districtId: string;
beforeAll(async () => {
  server = await startTestServer();
  const district = await createDistrict(server.app.db, { code: 'D-EDIT' });
  districtId = district.id;
  const a = await createAccount(server.app.db, 'admin');
  admin = await loginAs(server, a.username, a.password);
  const d = await createAccount(server.app.db, 'dispatcher', { districtIds: [districtId] });
  dispatcher = await loginAs(server, d.username, d.password);
});
afterAll(() => server.stop());

describe('editing a district', () => {
  it('admin renames and re-centres it; the audit keeps before → after', async () => {
    const res = await api<District>(server, 'PATCH', `/api/v1/districts/${districtId}`, {
      token: admin,
      body: { name: '长宁区', center: { lng: 121.42, lat: 31.22 } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'D-EDIT', name: '长宁区', center: { lng: 121.42, lat: 31.22 } });
    const [entry] = await server.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'district'), eq(auditLog.entityId, districtId)));
    expect(entry?.detail).toEqual({
      before: { name: '徐汇区', center: { lng: 121.4365, lat: 31.1885 } },
      after: { name: '长宁区', center: { lng: 121.42, lat: 31.22 } },
    });
  });

  it('a taken code is a 409; a dispatcher may not edit even their own district; an unknown one is 404', async () => {
    await createDistrict(server.app.db, { code: 'D-TAKEN' });
    const clash = await api(server, 'PATCH', `/api/v1/districts/${districtId}`, {
      token: admin,
      body: { code: 'D-TAKEN' },
    });
    expect(clash.status).toBe(409);
    const denied = await api(server, 'PATCH', `/api/v1/districts/${districtId}`, {
      token: dispatcher,
      body: { name: 'x' },
    });
    expect(denied.status).toBe(403);
    const unknown = await api(server, 'PATCH', '/api/v1/districts/00000000-0000-4000-8000-000000000000', {
      token: admin,
      body: { name: 'x' },
    });
    expect(unknown.status).toBe(404);
  });
});

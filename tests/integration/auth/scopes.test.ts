import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface MeBody {
  role: string;
  scope: {
    districtIds: string[];
    compoundIds: string[];
    hospitalId: string | null;
    vehicleId: string | null;
  };
}

describe("every role's scope", () => {
  it('each role carries exactly the scope it was given, and only admin reads the audit trail', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const compound = await createCompound(db, district.id);
    const hospital = await createHospital(db);
    const vehicle = await createVehicle(db, district.id);
    const cases = [
      {
        role: 'admin' as const,
        scope: {},
        expected: { districtIds: [], compoundIds: [], hospitalId: null, vehicleId: null },
      },
      {
        role: 'dispatcher' as const,
        scope: { districtIds: [district.id] },
        expected: { districtIds: [district.id], compoundIds: [], hospitalId: null, vehicleId: null },
      },
      {
        role: 'gatekeeper' as const,
        scope: { compoundIds: [compound.id] },
        expected: { districtIds: [], compoundIds: [compound.id], hospitalId: null, vehicleId: null },
      },
      {
        role: 'hospital' as const,
        scope: { hospitalId: hospital.id },
        expected: { districtIds: [], compoundIds: [], hospitalId: hospital.id, vehicleId: null },
      },
      {
        role: 'driver' as const,
        scope: { vehicleId: vehicle.id },
        expected: { districtIds: [], compoundIds: [], hospitalId: null, vehicleId: vehicle.id },
      },
    ];
    for (const c of cases) {
      const account = await createAccount(db, c.role, c.scope);
      const token = await loginAs(server, account.username, account.password);
      const me = await api<MeBody>(server, 'GET', '/api/v1/auth/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(c.role);
      expect(me.body.scope).toEqual(c.expected);
      const audit = await api<{ code?: string }>(server, 'GET', '/api/v1/audit', { token });
      expect(audit.status, `${c.role} reading the audit log`).toBe(c.role === 'admin' ? 200 : 403);
    }
  });

  it('a denied read of the audit trail is itself audited', async () => {
    const db = server.app.db;
    const gatekeeper = await createAccount(db, 'gatekeeper');
    const admin = await createAccount(db, 'admin');
    await api(server, 'GET', '/api/v1/audit', {
      token: await loginAs(server, gatekeeper.username, gatekeeper.password),
    });
    const adminToken = await loginAs(server, admin.username, admin.password);
    const res = await api<Array<{ actorId: string; outcome: string; entity: string }>>(
      server,
      'GET',
      `/api/v1/audit?actorId=${gatekeeper.id}`,
      { token: adminToken },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ actorId: gatekeeper.id, outcome: 'denied', entity: 'audit_log' }),
    ]);
  });
});

import { auditLog } from '@lastmeter/db';
import type { AccountList, AccountView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Administrators manage every account and its scope; the person follows at once. */
let server: TestServer;
let admin: string;
let ids: {
  district: string;
  compoundA: string;
  compoundB: string;
  hospital: string;
  vehicle: string;
  otherVehicle: string;
};
beforeAll(async () => {
  server = await startTestServer();
  const db = server.app.db;
  const district = await createDistrict(db);
  const other = await createDistrict(db);
  ids = {
    district: district.id,
    compoundA: (await createCompound(db, district.id)).id,
    compoundB: (await createCompound(db, district.id)).id,
    hospital: (await createHospital(db, { districtId: district.id })).id,
    vehicle: (await createVehicle(db, district.id)).id,
    otherVehicle: (await createVehicle(db, other.id)).id,
  };
  const account = await createAccount(db, 'admin');
  admin = await loginAs(server, account.username, account.password);
});
afterAll(() => server.stop());

const TEMP = 'temporary-pass-1';

async function create(body: Record<string, unknown>, token = admin) {
  return api<AccountView & { code?: string; issues?: Array<{ path: string; code?: string }> }>(
    server,
    'POST',
    '/api/v1/accounts',
    { token, body: { password: TEMP, ...body } },
  );
}

describe('accounts of every role', () => {
  it('creates each role with its scope, and lists them filtered', async () => {
    const made = [
      await create({
        username: 'disp_one',
        displayName: '调度一',
        role: 'dispatcher',
        districtIds: [ids.district],
      }),
      await create({
        username: 'gate_two',
        displayName: '门卫二',
        role: 'gatekeeper',
        compoundIds: [ids.compoundA, ids.compoundB],
        phone: '13800001234',
      }),
      await create({ username: 'desk_one', displayName: '接诊', role: 'hospital', hospitalId: ids.hospital }),
      await create({ username: 'drv_one', displayName: '司机', role: 'driver', vehicleId: ids.vehicle }),
      await create({ username: 'admin_two', displayName: '管理员', role: 'admin' }),
    ];
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const gatekeeper = made[1]!.body;
    expect(gatekeeper).toMatchObject({
      role: 'gatekeeper',
      districtIds: [ids.district],
      phone: '138****1234',
      active: true,
      mustChangePassword: true,
    });
    expect(gatekeeper.compoundIds.sort()).toEqual([ids.compoundA, ids.compoundB].sort());

    const gatekeepers = await api<AccountList>(server, 'GET', '/api/v1/accounts?role=gatekeeper', {
      token: admin,
    });
    expect(gatekeepers.body.accounts.map((a) => a.username)).toEqual(['gate_two']);
    const inDistrict = await api<AccountList>(server, 'GET', `/api/v1/accounts?districtId=${ids.district}`, {
      token: admin,
    });
    expect(inDistrict.body.accounts.map((a) => a.username).sort()).toEqual([
      'desk_one',
      'disp_one',
      'drv_one',
      'gate_two',
    ]);
    const byName = await api<AccountList>(server, 'GET', `/api/v1/accounts?q=${encodeURIComponent('门卫')}`, {
      token: admin,
    });
    expect(byName.body.accounts.map((a) => a.username)).toEqual(['gate_two']);
  });

  it('refuses a scope that does not fit the role, naming the field', async () => {
    const none = await create({ username: 'gate_none', displayName: '门卫', role: 'gatekeeper' });
    expect(none.status).toBe(400);
    expect(none.body.issues).toEqual([
      expect.objectContaining({ path: 'body.compoundIds', code: 'scope_required' }),
    ]);
    const wrong = await create({
      username: 'drv_wrong',
      displayName: '司机',
      role: 'driver',
      hospitalId: ids.hospital,
    });
    expect(wrong.body.issues).toEqual([
      expect.objectContaining({ path: 'body.hospitalId', code: 'scope_not_for_role' }),
    ]);
    const taken = await create({ username: 'gate_two', displayName: '门卫', role: 'admin' });
    expect(taken.body.issues).toEqual([
      expect.objectContaining({ path: 'body.username', code: 'username_taken' }),
    ]);
  });

  it('a new account must choose its own password before anything else', async () => {
    await create({
      username: 'gate_new',
      displayName: '新门卫',
      role: 'gatekeeper',
      compoundIds: [ids.compoundA],
    });
    const login = await api<{ token: string; me: { mustChangePassword: boolean } }>(
      server,
      'POST',
      '/api/v1/auth/login',
      { body: { username: 'gate_new', password: TEMP } },
    );
    expect(login.body.me.mustChangePassword).toBe(true);
    const token = login.body.token;
    const blocked = await api<{ code: string }>(server, 'GET', `/api/v1/compounds/${ids.compoundA}`, {
      token,
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');
    const same = await api(server, 'POST', '/api/v1/auth/password', {
      token,
      body: { currentPassword: TEMP, newPassword: TEMP },
    });
    expect(same.status).toBe(400);
    const changed = await api(server, 'POST', '/api/v1/auth/password', {
      token,
      body: { currentPassword: TEMP, newPassword: 'my-own-password' },
    });
    expect(changed.status).toBe(204);
    expect((await api(server, 'GET', `/api/v1/compounds/${ids.compoundA}`, { token })).status).toBe(200);
  });
});

describe('changes reach the person at once', () => {
  async function ready(username: string, body: Record<string, unknown>) {
    const created = await create({ username, displayName: username, ...body });
    const first = await loginAs(server, username, TEMP);
    await api(server, 'POST', '/api/v1/auth/password', {
      token: first,
      body: { currentPassword: TEMP, newPassword: 'chosen-password' },
    });
    return { id: created.body.id, token: first };
  }

  it('deactivation ends the sessions and sockets; reactivation lets the person sign in again', async () => {
    const driver = await ready('drv_gone', { role: 'driver', vehicleId: ids.otherVehicle });
    const client = await connectClient(server, driver.token);
    const dropped = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    const res = await api<AccountView>(server, 'POST', `/api/v1/accounts/${driver.id}/deactivate`, {
      token: admin,
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await dropped).toBe('io server disconnect');
    expect((await api(server, 'GET', '/api/v1/me/jobs', { token: driver.token })).status).toBe(401);
    const refused = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'drv_gone', password: 'chosen-password' },
    });
    expect(refused.status).toBe(401);
    await api(server, 'POST', `/api/v1/accounts/${driver.id}/reactivate`, { token: admin });
    expect(await loginAs(server, 'drv_gone', 'chosen-password')).toBeTruthy();
  });

  it('a narrower scope applies to the next request and moves the live sockets out of the old rooms', async () => {
    const gatekeeper = await ready('gate_moved', {
      role: 'gatekeeper',
      compoundIds: [ids.compoundA, ids.compoundB],
    });
    const client = await connectClient(server, gatekeeper.token);
    expect(client.rooms).toContain(`compound:${ids.compoundB}`);
    const rejoined = new Promise<{ rooms: string[] }>((resolve) => client.socket.once('welcome', resolve));
    const res = await api<AccountView>(server, 'PATCH', `/api/v1/accounts/${gatekeeper.id}`, {
      token: admin,
      body: { compoundIds: [ids.compoundA] },
    });
    expect(res.body.compoundIds).toEqual([ids.compoundA]);
    const welcome = await rejoined;
    expect(welcome.rooms).toContain(`compound:${ids.compoundA}`);
    expect(welcome.rooms).not.toContain(`compound:${ids.compoundB}`);
    const gone = await api(server, 'GET', `/api/v1/compounds/${ids.compoundB}`, { token: gatekeeper.token });
    expect([403, 404]).toContain(gone.status);
    expect(
      (await api(server, 'GET', `/api/v1/compounds/${ids.compoundA}`, { token: gatekeeper.token })).status,
    ).toBe(200);
    client.close();
  });

  it('a reset password ends the sessions; the next sign-in must choose a new one', async () => {
    const desk = await ready('desk_reset', { role: 'hospital', hospitalId: ids.hospital });
    const res = await api<AccountView>(server, 'POST', `/api/v1/accounts/${desk.id}/reset-password`, {
      token: admin,
      body: { password: 'given-by-phone-1' },
    });
    expect(res.body.mustChangePassword).toBe(true);
    expect((await api(server, 'GET', '/api/v1/auth/me', { token: desk.token })).status).toBe(401);
    const login = await api<{ me: { mustChangePassword: boolean } }>(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'desk_reset', password: 'given-by-phone-1' },
    });
    expect(login.body.me.mustChangePassword).toBe(true);
  });

  it('every change is audited with who, what and before → after, never a password', async () => {
    const rows = await server.app.db.select().from(auditLog).where(eq(auditLog.entity, 'account'));
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'create',
      'update',
      'deactivate',
      'reactivate',
      'reset_password',
      'change_password',
    ]) {
      expect(actions).toContain(action);
    }
    const moved = rows.find((r) => r.action === 'update');
    expect(moved?.detail).toMatchObject({
      before: { compoundIds: expect.any(Array) },
      after: { compoundIds: [ids.compoundA] },
    });
    expect(moved?.actorId).toBeTruthy();
    const text = JSON.stringify(rows);
    for (const secret of [
      TEMP,
      'chosen-password',
      'given-by-phone-1',
      '$argon2',
      'passwordHash',
      '13800001234',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('dispatchers manage the drivers of their own district', () => {
  it('creates and edits drivers of its vehicles, sees nothing else', async () => {
    const account = await createAccount(server.app.db, 'dispatcher', { districtIds: [ids.district] });
    const token = await loginAs(server, account.username, account.password);
    const mine = await create(
      { username: 'drv_disp', displayName: '司机甲', role: 'driver', vehicleId: null },
      token,
    );
    expect(mine.status).toBe(403);
    const ok = await create(
      { username: 'drv_disp', displayName: '司机甲', role: 'driver', vehicleId: ids.vehicle },
      token,
    );
    expect(ok.status === 201 || ok.status === 409).toBe(true);
    const foreign = await create(
      { username: 'drv_far', displayName: '司机乙', role: 'driver', vehicleId: ids.otherVehicle },
      token,
    );
    // Another district's vehicle is as unknown to them as one that does not exist.
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues).toEqual([
      expect.objectContaining({ path: 'body.vehicleId', code: 'scope_unknown' }),
    ]);
    const gate = await create(
      { username: 'gate_disp', displayName: '门卫', role: 'gatekeeper', compoundIds: [ids.compoundA] },
      token,
    );
    expect(gate.status).toBe(403);
    const list = await api<AccountList>(server, 'GET', '/api/v1/accounts', { token });
    expect(new Set(list.body.accounts.map((a) => a.role))).toEqual(new Set(['driver']));
    expect(list.body.accounts.every((a) => a.districtIds.includes(ids.district))).toBe(true);
    const all = await api<AccountList>(server, 'GET', '/api/v1/accounts', { token: admin });
    const outsider = all.body.accounts.find((a) => a.role === 'gatekeeper');
    expect((await api(server, 'GET', `/api/v1/accounts/${outsider!.id}`, { token })).status).toBe(404);
  });
});

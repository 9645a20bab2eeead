import type { ComplaintReport, ComplaintView, IncidentView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cityToday } from '../../support/calendar.ts';
import { createAccount, createRequest } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, type TripWorld, tripWorld } from '../trips/world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

/** A round trip driven to the hospital gate, where the driver reports the refusal. */
async function refusedTrip(w: TripWorld, reason: string) {
  const request = await createRequest(w.db, w.patient.id, { date: DAY });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  const legId = trip.outbound.id;
  await ok(server, `/api/v1/legs/${legId}/assign`, w.dispatcher.token, { vehicleId: w.vehicle.id });
  await clockAtLeg(server, w, legId);
  await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token);
  await ok(server, `/api/v1/legs/${legId}/at-pickup`, w.driver.token);
  await ok(server, `/api/v1/legs/${legId}/out`, w.gatekeeper.token);
  await ok(server, `/api/v1/legs/${legId}/arrive`, w.driver.token);
  const incident = await ok<IncidentView>(server, `/api/v1/legs/${legId}/refused-at-gate`, w.driver.token, {
    reason,
    note: '门卫要求 48 小时核酸证明',
  });
  return { trip, incident };
}

function report(token: string, query = '') {
  return api<ComplaintReport>(server, 'GET', `/api/v1/complaints/report${query}`, { token });
}

describe('complaints', () => {
  it('keeps every refusal at a gate as a complaint against the hospital, with its incident resolution as the outcome', async () => {
    const w = await tripWorld(server);
    const { trip, incident } = await refusedTrip(w, 'test_result');

    const before = await report(w.dispatcher.token, `?districtId=${w.district.id}`);
    expect(before.status).toBe(200);
    expect(before.body.complaints).toHaveLength(1);
    const complaint = before.body.complaints[0] as ComplaintView;
    expect(complaint).toMatchObject({
      hospitalId: w.hospital.id,
      kind: 'refused_at_gate',
      source: 'driver',
      incidentId: incident.id,
      tripId: trip.id,
      reason: 'test_result',
      forbiddenGround: true,
      status: 'open',
      day: cityToday(server.clock.now()),
    });
    expect(before.body.rows).toEqual([
      expect.objectContaining({
        hospitalId: w.hospital.id,
        day: cityToday(server.clock.now()),
        total: 1,
        refusals: 1,
        forbiddenGrounds: 1,
        open: 1,
      }),
    ]);

    const direct = await api(server, 'POST', `/api/v1/complaints/${complaint.id}/resolve`, {
      token: w.dispatcher.token,
      body: { outcome: '已处理' },
    });
    expect(direct.status).toBe(409);

    await ok(server, `/api/v1/incidents/${incident.id}/resolve`, w.dispatcher.token, {
      resolution: '卫健委已约谈医院，患者已入院',
      action: 'resume',
    });
    const after = await report(w.dispatcher.token, `?districtId=${w.district.id}`);
    expect(after.body.complaints[0]).toMatchObject({
      status: 'resolved',
      outcome: '卫健委已约谈医院，患者已入院 (resume)',
    });
    expect(after.body.rows[0]?.open).toBe(0);
  });

  it('dispatch records other complaints and exports the report as CSV by hospital and day', async () => {
    const w = await tripWorld(server);
    await refusedTrip(w, 'capacity');
    const created = await api<ComplaintView>(
      server,
      'POST',
      `/api/v1/districts/${w.district.id}/complaints`,
      {
        token: w.dispatcher.token,
        body: {
          hospitalId: w.otherHospital.id,
          kind: 'delayed_treatment',
          source: 'family',
          description: '=家属来电：急诊等候三小时',
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'delayed_treatment', status: 'open', forbiddenGround: false });
    const resolved = await ok<ComplaintView>(
      server,
      `/api/v1/complaints/${created.body.id}/resolve`,
      w.dispatcher.token,
      {
        outcome: '医院已道歉',
      },
    );
    expect(resolved).toMatchObject({ status: 'resolved', outcome: '医院已道歉' });

    const full = await report(
      w.dispatcher.token,
      `?districtId=${w.district.id}&from=${cityToday(server.clock.now())}&to=${cityToday(server.clock.now())}`,
    );
    expect(full.body.rows.map((r) => [r.hospitalId, r.total, r.refusals, r.forbiddenGrounds])).toEqual(
      [
        [w.hospital.id, 1, 1, 0],
        [w.otherHospital.id, 1, 0, 0],
      ].sort((a, b) => {
        const name = (id: unknown) => (id === w.hospital.id ? w.hospital.name : w.otherHospital.name);
        return name(a[0]).localeCompare(name(b[0]));
      }),
    );

    const res = await fetch(`${server.url}/api/v1/complaints/report.csv?districtId=${w.district.id}`, {
      headers: { authorization: `Bearer ${w.dispatcher.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      '医院,日期,时间,类型,来源,理由,违规理由（核酸/健康码/症状）,说明,状态,处理结果,行程',
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain("'=家属来电：急诊等候三小时");
    expect(csv).not.toContain(w.patient.phone);
  });

  it("shows a district's complaints only to its dispatch and admin, and names bad fields", async () => {
    const w = await tripWorld(server);
    await refusedTrip(w, 'health_code');
    const outsider = await createAccount(w.db, 'dispatcher', {
      districtIds: [(await tripWorld(server)).district.id],
    });
    const outsiderToken = await loginAs(server, outsider.username, outsider.password);
    expect((await report(outsiderToken, `?districtId=${w.district.id}`)).status).toBe(403);
    const own = await report(outsiderToken);
    expect(own.status).toBe(200);
    expect(own.body.complaints.filter((c) => c.districtId === w.district.id)).toEqual([]);
    expect((await report(w.gatekeeper.token)).status).toBe(403);
    expect((await report(w.hospitalDesk.token)).status).toBe(403);
    expect((await report(w.driver.token)).status).toBe(403);
    const create = await api(server, 'POST', `/api/v1/districts/${w.district.id}/complaints`, {
      token: outsiderToken,
      body: { hospitalId: w.hospital.id, kind: 'other', source: 'hotline', description: 'x' },
    });
    expect(create.status).toBe(403);

    const admin = await createAccount(w.db, 'admin');
    const adminToken = await loginAs(server, admin.username, admin.password);
    const all = await report(adminToken);
    expect(
      all.body.complaints.some((c) => c.districtId === w.district.id && c.reason === 'health_code'),
    ).toBe(true);

    const bad = await api<{ issues: Array<{ path: string }> }>(
      server,
      'POST',
      `/api/v1/districts/${w.district.id}/complaints`,
      {
        token: w.dispatcher.token,
        body: { hospitalId: w.hospital.id, kind: 'rude', source: 'hotline', description: '' },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(['body.description', 'body.kind']);
    const notHospital = await api<{ issues: Array<{ path: string }> }>(
      server,
      'POST',
      `/api/v1/districts/${w.district.id}/complaints`,
      {
        token: w.dispatcher.token,
        body: { hospitalId: w.district.id, kind: 'other', source: 'hotline', description: '来电' },
      },
    );
    expect(notHospital.status).toBe(400);
    expect(notHospital.body.issues[0]?.path).toBe('body.hospitalId');
    const backwards = await report(w.dispatcher.token, `?from=${cityToday()}&to=2020-01-01`);
    expect(backwards.status).toBe(400);
  });
});

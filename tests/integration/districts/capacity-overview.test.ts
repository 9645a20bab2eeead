import { careNeeds, requests } from '@lastmeter/db';
import type { NeedKind, RequestStatus, Service } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekdayAhead } from '../../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createPatient,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const MONDAY = weekdayAhead(1);

async function tokenFor(
  role: Parameters<typeof createAccount>[1],
  scope: Parameters<typeof createAccount>[2] = {},
) {
  const account = await createAccount(server.app.db, role, scope);
  return loginAs(server, account.username, account.password);
}

describe('hospital capacity', () => {
  it('a weekly template plus date overrides gives the effective capacity of a date', async () => {
    const hospital = await createHospital(server.app.db);
    const token = await tokenFor('hospital', { hospitalId: hospital.id });
    const template = await api<{ slots: unknown[] }>(
      server,
      'PUT',
      `/api/v1/hospitals/${hospital.id}/slots`,
      {
        token,
        body: {
          slots: [
            { service: 'dialysis', weekday: 1, startTime: '07:00', endTime: '11:00', capacity: 10 },
            { service: 'dialysis', weekday: 1, startTime: '12:00', endTime: '16:00', capacity: 8 },
            { service: 'dialysis', weekday: 2, startTime: '07:00', endTime: '11:00', capacity: 6 },
            { service: 'oncology', weekday: 1, startTime: '08:00', endTime: '17:00', capacity: 12 },
          ],
        },
      },
    );
    expect(template.status).toBe(200);
    expect(template.body.slots).toHaveLength(4);

    const plain = await api<{ weekday: number; slots: unknown[] }>(
      server,
      'GET',
      `/api/v1/hospitals/${hospital.id}/capacity?date=${MONDAY}`,
      { token },
    );
    expect(plain.body.weekday).toBe(1);
    expect(plain.body.slots).toEqual([
      {
        service: 'dialysis',
        startTime: '07:00',
        endTime: '11:00',
        capacity: 10,
        source: 'template',
        booked: 0,
      },
      {
        service: 'dialysis',
        startTime: '12:00',
        endTime: '16:00',
        capacity: 8,
        source: 'template',
        booked: 0,
      },
      {
        service: 'oncology',
        startTime: '08:00',
        endTime: '17:00',
        capacity: 12,
        source: 'template',
        booked: 0,
      },
    ]);

    const overridden = await api<{ slots: unknown[] }>(
      server,
      'PUT',
      `/api/v1/hospitals/${hospital.id}/overrides/${MONDAY}`,
      {
        token,
        body: {
          slots: [
            { service: 'dialysis', startTime: '12:00', endTime: '16:00', capacity: 0 },
            { service: 'dialysis', startTime: '17:00', endTime: '21:00', capacity: 5 },
          ],
        },
      },
    );
    expect(overridden.status).toBe(200);
    expect(overridden.body.slots).toEqual([
      {
        service: 'dialysis',
        startTime: '07:00',
        endTime: '11:00',
        capacity: 10,
        source: 'template',
        booked: 0,
      },
      {
        service: 'dialysis',
        startTime: '12:00',
        endTime: '16:00',
        capacity: 0,
        source: 'override',
        booked: 0,
      },
      {
        service: 'dialysis',
        startTime: '17:00',
        endTime: '21:00',
        capacity: 5,
        source: 'override',
        booked: 0,
      },
      {
        service: 'oncology',
        startTime: '08:00',
        endTime: '17:00',
        capacity: 12,
        source: 'template',
        booked: 0,
      },
    ]);
    // The next Monday is untouched by that date's overrides.
    const nextWeek = await api<{ slots: Array<{ capacity: number }> }>(
      server,
      'GET',
      `/api/v1/hospitals/${hospital.id}/capacity?date=${addDays(MONDAY, 7)}`,
      { token },
    );
    expect(nextWeek.body.slots.map((s) => s.capacity)).toEqual([10, 8, 12]);
    const got = await api<{ services: string[] }>(server, 'GET', `/api/v1/hospitals/${hospital.id}`, {
      token,
    });
    expect(got.body.services).toEqual(['dialysis', 'oncology']);
  });

  it('refuses overlapping or inverted slots, naming them', async () => {
    const hospital = await createHospital(server.app.db);
    const token = await tokenFor('admin');
    const res = await api<{ issues: Array<{ path: string }> }>(
      server,
      'PUT',
      `/api/v1/hospitals/${hospital.id}/slots`,
      {
        token,
        body: {
          slots: [
            { service: 'dialysis', weekday: 1, startTime: '07:00', endTime: '11:00', capacity: 10 },
            { service: 'dialysis', weekday: 1, startTime: '10:00', endTime: '14:00', capacity: 10 },
            { service: 'dialysis', weekday: 2, startTime: '14:00', endTime: '12:00', capacity: 10 },
            { service: 'dialysis', weekday: 8, startTime: '07:00', endTime: '11:00', capacity: -1 },
          ],
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'body.slots.1',
        'body.slots.2.endTime',
        'body.slots.3.weekday',
        'body.slots.3.capacity',
      ]),
    );
  });
});

describe('the overview', () => {
  it('answers, per compound, hospital and zone level, with the numbers of a known dataset', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const elsewhere = await createDistrict(db);
    const a = await createCompound(db, district.id, { name: 'A 村' });
    const b = await createCompound(db, district.id, { name: 'B 村' });
    const far = await createCompound(db, elsewhere.id);
    const hospital = await createHospital(db, { districtId: district.id });
    const admin = await tokenFor('admin');
    await api(server, 'PUT', `/api/v1/hospitals/${hospital.id}/slots`, {
      token: admin,
      body: {
        slots: [
          { service: 'dialysis', weekday: 1, startTime: '07:00', endTime: '11:00', capacity: 10 },
          { service: 'dialysis', weekday: 1, startTime: '12:00', endTime: '16:00', capacity: 8 },
        ],
      },
    });
    await api(server, 'PUT', `/api/v1/hospitals/${hospital.id}/overrides/${MONDAY}`, {
      token: admin,
      body: { slots: [{ service: 'dialysis', startTime: '12:00', endTime: '16:00', capacity: 0 }] },
    });

    const p1 = await createPatient(db, a.id, { nationalId: '110101199003074477' });
    const p2 = await createPatient(db, a.id, {
      nationalId: '110101199003075796',
      mobility: 'wheelchair',
      infectionClass: 'close_contact',
    });
    const p3 = await createPatient(db, a.id, {
      nationalId: '110101199003076774',
      mobility: 'stretcher',
      infectionClass: 'positive',
    });
    await createPatient(db, a.id, { nationalId: '110101199003077494', status: 'pending' });
    await createPatient(db, a.id, { nationalId: '110101199003078118', status: 'archived' });
    const p4 = await createPatient(db, b.id, { nationalId: '110101199003079094' });
    const p5 = await createPatient(db, far.id, { nationalId: '11010119900307001X' });
    const need = async (patientId: string, kind: NeedKind) =>
      (await db.insert(careNeeds).values({ patientId, kind }).returning())[0]!;
    await need(p1.id, 'dialysis');
    await need(p2.id, 'dialysis');
    await need(p2.id, 'chronic');
    await need(p3.id, 'pregnancy');
    await need(p4.id, 'chemotherapy');
    const request = (
      patientId: string,
      service: Service,
      status: RequestStatus,
      hospitalId: string | null,
      urgency: 'scheduled' | 'emergency' = 'scheduled',
    ) =>
      db.insert(requests).values({
        patientId,
        service,
        date: MONDAY,
        status,
        hospitalId,
        urgency,
        windowStart: new Date(`${MONDAY}T07:30:00+08:00`),
        windowEnd: new Date(`${MONDAY}T08:00:00+08:00`),
      });
    await request(p1.id, 'dialysis', 'open', hospital.id);
    await request(p2.id, 'dialysis', 'planned', hospital.id);
    await request(p3.id, 'obstetrics', 'open', null, 'emergency');
    await request(p4.id, 'oncology', 'cancelled', hospital.id);
    await request(p5.id, 'dialysis', 'matched', hospital.id);

    const dispatcher = await tokenFor('dispatcher', { districtIds: [district.id] });
    const res = await api<Overview>(
      server,
      'GET',
      `/api/v1/districts/${district.id}/overview?date=${MONDAY}`,
      { token: dispatcher },
    );
    expect(res.status).toBe(200);
    const overview = res.body;
    expect(overview.totals).toEqual({ compounds: 2, activePatients: 4, pendingPatients: 1, requests: 4 });
    const [ca, cb] = overview.compounds;
    expect(ca).toMatchObject({
      compoundId: a.id,
      level: 'none',
      patients: {
        active: 3,
        pending: 1,
        byNeed: {
          dialysis: 2,
          chemotherapy: 0,
          radiotherapy: 0,
          pregnancy: 1,
          newborn: 0,
          chronic: 1,
          emergency: 0,
        },
        byMobility: { walk: 1, wheelchair: 1, stretcher: 1 },
        byInfection: { normal: 1, close_contact: 1, positive: 1 },
      },
      requests: {
        total: 3,
        emergency: 1,
        byStatus: { open: 2, matched: 0, planned: 1, unserved: 0, cancelled: 0, done: 0 },
      },
    });
    expect(cb).toMatchObject({
      compoundId: b.id,
      patients: { active: 1, pending: 0, byNeed: { chemotherapy: 1, dialysis: 0 } },
      requests: { total: 1, byStatus: { cancelled: 1 } },
    });
    expect(overview.levels).toEqual([
      { level: 'none', compounds: 2, patients: 4 },
      { level: 'precaution', compounds: 0, patients: 0 },
      { level: 'controlled', compounds: 0, patients: 0 },
      { level: 'sealed', compounds: 0, patients: 0 },
    ]);
    expect(overview.hospitals).toEqual([
      expect.objectContaining({
        hospitalId: hospital.id,
        services: [
          {
            service: 'dialysis',
            capacity: 10,
            demand: 3,
            outsideSlots: 0,
            slots: [
              { startTime: '07:00', endTime: '11:00', capacity: 10, demand: 3, demandInScope: 2 },
              { startTime: '12:00', endTime: '16:00', capacity: 0, demand: 0, demandInScope: 0 },
            ],
          },
        ],
      }),
    ]);
    expect(overview.unmatched).toMatchObject({ obstetrics: 1, dialysis: 0 });
    expect(JSON.stringify(overview)).not.toContain('110101');

    // A sealed zone moves compound A's patients into the sealed row.
    await api(server, 'POST', `/api/v1/districts/${district.id}/zones`, {
      token: dispatcher,
      body: { name: '封控', level: 'sealed', geometry: a.boundary },
    });
    await api(server, 'PATCH', `/api/v1/compounds/${b.id}`, {
      token: dispatcher,
      body: {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [121.5, 31.2],
              [121.502, 31.2],
              [121.502, 31.202],
              [121.5, 31.202],
              [121.5, 31.2],
            ],
          ],
        },
      },
    }).then((r) => expect(r.status).toBe(400)); // its gate would be kilometres away

    // A gatekeeper of A gets the same call restricted to A, and nothing on B.
    const gatekeeper = await tokenFor('gatekeeper', { compoundIds: [a.id] });
    const own = await api<Overview>(
      server,
      'GET',
      `/api/v1/districts/${district.id}/overview?date=${MONDAY}`,
      { token: gatekeeper },
    );
    expect(own.status).toBe(200);
    expect(own.body.compounds.map((c) => c.compoundId)).toEqual([a.id]);
    expect(own.body.levels.find((l) => l.level === 'sealed')).toEqual({
      level: 'sealed',
      compounds: 1,
      patients: 3,
    });
    expect(own.body.hospitals[0]!.services[0]!.slots[0]).toMatchObject({ demand: 3, demandInScope: 2 });
    expect(
      (await api(server, 'GET', `/api/v1/compounds/${b.id}/overview`, { token: gatekeeper })).status,
    ).toBe(404);
    const compoundView = await api<Overview>(
      server,
      'GET',
      `/api/v1/compounds/${b.id}/overview?date=${MONDAY}`,
      { token: dispatcher },
    );
    expect(compoundView.body.totals).toEqual({
      compounds: 1,
      activePatients: 1,
      pendingPatients: 0,
      requests: 1,
    });
    // Drivers and hospitals have no overview of the registry.
    const hospitalToken = await tokenFor('hospital', { hospitalId: hospital.id });
    expect(
      (await api(server, 'GET', `/api/v1/districts/${district.id}/overview`, { token: hospitalToken }))
        .status,
    ).toBe(404);
  });
});

interface Overview {
  totals: Record<string, number>;
  compounds: Array<{ compoundId: string }>;
  levels: Array<{ level: string; compounds: number; patients: number }>;
  hospitals: Array<{
    hospitalId: string;
    services: Array<{ slots: Array<{ demand: number; demandInScope: number }> }>;
  }>;
  unmatched: Record<string, number>;
}

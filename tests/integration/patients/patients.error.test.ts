import { careNeeds, patients } from '@lastmeter/db';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from './world.ts';

let server: TestServer;
let w: World;
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(() => server.stop());

interface Problem {
  code: string;
  issues?: Array<{ path: string; message: string }>;
  existingPatientId?: string;
}

const counts = async () => ({
  patients: (await w.db.select({ n: count() }).from(patients))[0]?.n,
  needs: (await w.db.select({ n: count() }).from(careNeeds))[0]?.n,
});
const register = (body: Record<string, unknown>, token = w.gatekeeperA.token, compoundId = w.compoundA.id) =>
  api<Problem & { id: string }>(server, 'POST', `/api/v1/compounds/${compoundId}/patients`, { token, body });

describe('validation a community worker expects, with nothing half-written', () => {
  it('rejects a bad ID checksum, a bad mobile number and a missing consent, naming each field', async () => {
    const before = await counts();
    const good = validNationalId();
    const badId = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const r1 = await register(patientBody({ nationalId: badId }));
    expect(r1.status).toBe(400);
    expect(r1.body.issues?.map((i) => i.path)).toEqual(['body.nationalId']);

    const r2 = await register(patientBody({ phone: '12812341234' }));
    expect(r2.status).toBe(400);
    expect(r2.body.issues?.map((i) => i.path)).toEqual(['body.phone']);

    const r3 = await register(patientBody({ consent: undefined }));
    expect(r3.status).toBe(400);
    expect(r3.body.issues?.map((i) => i.path)).toEqual(['body.consent']);

    const r4 = await register(patientBody({ unexpected: 1 }));
    expect(r4.status).toBe(400);
    expect(r4.body.issues?.map((i) => i.path)).toEqual(['body.unexpected']);
    expect(await counts()).toEqual(before);
  });

  it('rejects dates that make no sense', async () => {
    const before = await counts();
    const woman = validNationalId('1990-03-04', 'female');
    const farPast = await register(
      patientBody({ nationalId: woman, needs: [{ kind: 'pregnancy', schedule: { dueDate: '2020-01-01' } }] }),
    );
    expect(farPast.status).toBe(400);
    expect(farPast.body.issues?.map((i) => i.path)).toEqual(['body.needs.0.schedule.dueDate']);

    const man = validNationalId('1990-03-04', 'male');
    const dueSoon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const male = await register(
      patientBody({ nationalId: man, needs: [{ kind: 'pregnancy', schedule: { dueDate: dueSoon } }] }),
    );
    expect(male.status).toBe(400);
    expect(male.body.issues?.map((i) => i.path)).toEqual(['body.needs.0.kind']);

    const babyBirth = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const baby = validNationalId(babyBirth);
    const mismatch = await register(
      patientBody({ nationalId: baby, needs: [{ kind: 'newborn', schedule: { birthDate: '2025-01-01' } }] }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.issues?.map((i) => i.path)).toContain('body.needs.0.schedule.birthDate');

    const future = await register(patientBody({ nationalId: validNationalId('2099-01-01') }));
    expect(future.status).toBe(400);
    expect(future.body.issues?.map((i) => i.path)).toEqual(['body.nationalId']);
    expect(await counts()).toEqual(before);

    const ok = await register(
      patientBody({ nationalId: baby, needs: [{ kind: 'newborn', schedule: { birthDate: babyBirth } }] }),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses a need for a patient without consent', async () => {
    const created = await register(patientBody({ consent: undefined, needs: [] }));
    expect(created.status).toBe(201);
    const need = await api<Problem>(server, 'POST', `/api/v1/patients/${created.body.id}/needs`, {
      token: w.gatekeeperA.token,
      body: { kind: 'dialysis', schedule: { weekdays: [1], startTime: '07:00' } },
    });
    expect(need.status).toBe(400);
    expect(need.body.issues?.map((i) => i.path)).toEqual(['consent']);
  });

  it('answers a second registration of the same ID with 409, pointing at it only for those who may see it', async () => {
    const body = patientBody();
    const first = await register(body);
    const before = await counts();
    const again = await register({ ...body, name: '张三' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'duplicate_patient', existingPatientId: first.body.id });

    const elsewhere = await register({ ...body }, w.gatekeeperB.token, w.compoundB.id);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('duplicate_patient');
    expect(elsewhere.body.existingPatientId).toBeUndefined();
    expect(JSON.stringify(elsewhere.body)).not.toContain(first.body.id);
    expect(await counts()).toEqual(before);

    // Archiving frees the number for a new registration.
    await api(server, 'POST', `/api/v1/patients/${first.body.id}/archive`, { token: w.gatekeeperA.token });
    expect((await register(body, w.gatekeeperB.token, w.compoundB.id)).status).toBe(201);
  });

  it('refuses a gate of another compound', async () => {
    const res = await register(patientBody({ gateId: w.compoundB.gate.id }));
    expect(res.status).toBe(400);
    expect(res.body.issues?.map((i) => i.path)).toEqual(['body.gateId']);
  });
});

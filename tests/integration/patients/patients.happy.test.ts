import { auditLog, careNeeds, patients } from '@lastmeter/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface PatientView {
  id: string;
  name: string;
  nationalId: string;
  phone: string;
  status: string;
  gateId: string | null;
  consent: { givenBy: string } | null;
  needs: Array<{ id: string; kind: string; active: boolean; schedule: Record<string, unknown> }>;
}

describe('registering and reading patients', () => {
  it('registers a dialysis patient and masks identity in every presenter', async () => {
    const body = patientBody();
    const res = await api<PatientView>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body,
    });
    expect(res.status).toBe(201);
    const id = body.nationalId as string;
    expect(res.body.nationalId).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(res.body.nationalId).not.toContain(id.slice(6, 14));
    expect(res.body.phone).toBe('138****1234');
    expect(res.body.name).toBe('张三明');
    expect(res.body.gateId).toBe(w.compoundA.gate.id);
    expect(res.body.needs).toEqual([expect.objectContaining({ kind: 'dialysis', active: true })]);

    // The dispatcher reads the same patient with the name masked too.
    const asDispatcher = await api<PatientView>(server, 'GET', `/api/v1/patients/${res.body.id}`, {
      token: w.dispatcher.token,
    });
    expect(asDispatcher.status).toBe(200);
    expect(asDispatcher.body.name).toBe('张*明');
    expect(asDispatcher.body.consent?.givenBy).toBe('张*明');
    expect(asDispatcher.body.nationalId).toBe(res.body.nationalId);

    const list = await api<{ items: PatientView[]; total: number }>(
      server,
      'GET',
      `/api/v1/compounds/${w.compoundA.id}/patients`,
      {
        token: w.admin.token,
      },
    );
    expect(list.status).toBe(200);
    const listed = list.body.items.find((p) => p.id === res.body.id);
    expect(listed).toMatchObject({ name: '张*明', phone: '138****1234', nationalId: res.body.nationalId });
    expect(JSON.stringify(list.body)).not.toContain(id);
  });

  it('reveals the full identity only on request, and audits reads, reveals and denials', async () => {
    const body = patientBody({ name: '李四光' });
    const created = await api<PatientView>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body,
    });
    const reveal = await api<{ nationalId: string; phone: string; name: string }>(
      server,
      'POST',
      `/api/v1/patients/${created.body.id}/reveal`,
      { token: w.dispatcher.token, body: { reason: '联系家属安排车辆' } },
    );
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({
      id: created.body.id,
      name: '李四光',
      nationalId: body.nationalId,
      phone: '13812341234',
    });

    await api(server, 'GET', `/api/v1/patients/${created.body.id}`, { token: w.gatekeeperA.token });
    const denied = await api(server, 'POST', `/api/v1/patients/${created.body.id}/reveal`, {
      token: w.gatekeeperB.token,
      body: {},
    });
    expect(denied.status).toBe(404);

    const rows = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'patient'), eq(auditLog.entityId, created.body.id)));
    const summary = rows.map((r) => [r.actorId, r.action, r.outcome]);
    expect(summary).toEqual(
      expect.arrayContaining([
        [w.gatekeeperA.id, 'register', 'allowed'],
        [w.dispatcher.id, 'reveal_identity', 'allowed'],
        [w.gatekeeperA.id, 'read', 'allowed'],
        [w.gatekeeperB.id, 'reveal_identity', 'denied'],
      ]),
    );
    expect(rows.find((r) => r.action === 'reveal_identity' && r.outcome === 'allowed')?.detail).toEqual({
      reason: '联系家属安排车辆',
    });
    const listAudit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'list'), eq(auditLog.actorId, w.admin.id)));
    expect(listAudit.length).toBeGreaterThan(0);
  });

  it('filters the list by need kind, status and name', async () => {
    const compound = w.compoundB;
    const token = w.gatekeeperB.token;
    const post = (body: Record<string, unknown>) =>
      api<PatientView>(server, 'POST', `/api/v1/compounds/${compound.id}/patients`, { token, body });
    await post(patientBody({ name: '王透析' }));
    await post(
      patientBody({
        name: '赵化疗',
        needs: [
          {
            kind: 'chemotherapy',
            schedule: { dates: [new Date().toISOString().slice(0, 10)], startTime: '09:00' },
          },
        ],
      }),
    );
    const list = (q: string) =>
      api<{ items: PatientView[]; total: number }>(
        server,
        'GET',
        `/api/v1/compounds/${compound.id}/patients${q}`,
        { token },
      );
    expect((await list('?kind=chemotherapy')).body.items.map((p) => p.name)).toEqual(['赵化疗']);
    expect((await list('?q=透析')).body.items.map((p) => p.name)).toEqual(['王透析']);
    expect((await list('?status=pending')).body.total).toBe(0);
    expect((await list('?status=active')).body.total).toBe(2);
  });

  it('updates, manages needs and archives', async () => {
    const created = await api<PatientView>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body: patientBody(),
    });
    const id = created.body.id;
    const updated = await api<PatientView & { mobility: string }>(server, 'PATCH', `/api/v1/patients/${id}`, {
      token: w.gatekeeperA.token,
      body: { mobility: 'stretcher', phone: '13900001111' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ mobility: 'stretcher', phone: '139****1111' });

    const needId = created.body.needs[0]?.id;
    const changed = await api<{ schedule: { weekdays: number[] } }>(
      server,
      'PATCH',
      `/api/v1/patients/${id}/needs/${needId}`,
      {
        token: w.gatekeeperA.token,
        body: { schedule: { weekdays: [2, 4, 6], startTime: '12:00', sessionMinutes: 240 } },
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.schedule.weekdays).toEqual([2, 4, 6]);
    const badSchedule = await api<{ issues: Array<{ path: string; code?: string; message: string }> }>(
      server,
      'PATCH',
      `/api/v1/patients/${id}/needs/${needId}`,
      {
        token: w.gatekeeperA.token,
        body: { schedule: { weekdays: [9], startTime: '25:00' } },
      },
    );
    expect(badSchedule.status).toBe(400);
    expect(badSchedule.body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['body.schedule.weekdays.0', 'body.schedule.startTime']),
    );
    // Every issue has a stable code and its text in the gatekeeper's language (zh-CN).
    for (const issue of badSchedule.body.issues) {
      expect(issue.code).toBeTruthy();
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    }

    const off = await api<{ active: boolean }>(
      server,
      'POST',
      `/api/v1/patients/${id}/needs/${needId}/deactivate`,
      { token: w.gatekeeperA.token },
    );
    expect(off.body.active).toBe(false);
    const added = await api<{ kind: string }>(server, 'POST', `/api/v1/patients/${id}/needs`, {
      token: w.gatekeeperA.token,
      body: { kind: 'chronic', schedule: { medicineDelivery: true } },
    });
    expect(added.status).toBe(201);
    expect(await w.db.select().from(careNeeds).where(eq(careNeeds.patientId, id))).toHaveLength(2);

    const archived = await api<PatientView>(server, 'POST', `/api/v1/patients/${id}/archive`, {
      token: w.gatekeeperA.token,
    });
    expect(archived.body.status).toBe('archived');
    const again = await api<{ code: string }>(server, 'POST', `/api/v1/patients/${id}/archive`, {
      token: w.gatekeeperA.token,
    });
    expect(again.status).toBe(409);
    const [row] = await w.db.select().from(patients).where(eq(patients.id, id));
    expect(row?.status).toBe('archived');
  });
});

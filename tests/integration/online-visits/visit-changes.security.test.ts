import { auditLog } from '@lastmeter/db';
import type { OnlineVisitView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { type CareWorld, createCareRequest, createCareWorld, publishOnlineSlots, visitDay } from './world.ts';

let server: TestServer;
let w: CareWorld;
let visit: OnlineVisitView;

beforeAll(async () => {
  server = await startTestServer();
  w = await createCareWorld(server);
  await publishOnlineSlots(server, w.tokens.desk, w.regular.id);
  const request = await createCareRequest(w.db, w.patients.chronic.id);
  visit = (
    await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: {},
    })
  ).body;
}, 120_000);
afterAll(() => server.stop());

const later = () => new Date(`${visitDay()}T10:00:00+08:00`).toISOString();

describe('moving and cancelling a visit is scoped like the visit', () => {
  it('requires a session', async () => {
    for (const path of ['reschedule', 'cancel'])
      expect(
        (await api(server, 'POST', `/api/v1/online-visits/${visit.id}/${path}`, { body: {} })).status,
      ).toBe(401);
  });

  it('another compound’s gatekeeper, another hospital’s desk and a driver find no such visit (404), audited as denied', async () => {
    for (const token of [w.tokens.otherGatekeeper, w.tokens.nearDesk, w.tokens.driver]) {
      const move = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/reschedule`, {
        token,
        body: { startsAt: later() },
      });
      expect(move.status).toBe(404);
      const cancel = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/cancel`, {
        token,
        body: {},
      });
      expect(cancel.status).toBe(404);
    }
    const denied = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cancel_online_visit'), eq(auditLog.outcome, 'denied')));
    expect(denied).toHaveLength(3);
  });

  it('the district’s dispatcher may move it, and sees no join link in the answer', async () => {
    const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/reschedule`, {
      token: w.tokens.dispatcher,
      body: { startsAt: later() },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.joinPath).toBeNull();
    expect(res.body.patientName).not.toBe('慢病甲');
  });
});

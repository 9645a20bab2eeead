import { auditLog } from '@lastmeter/db';
import type { OnlineVisitList } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../../support/calendar.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  type CareWorld,
  createCareRequest,
  createCareWorld,
  createTodaysVisit,
  publishOnlineSlots,
  visitDay,
} from './world.ts';

let server: TestServer;
let w: CareWorld;
let visitId: string;
let requestId: string;

beforeAll(async () => {
  server = await startTestServer();
  w = await createCareWorld(server);
  await publishOnlineSlots(server, w.tokens.desk, w.regular.id);
  const { visit } = await createTodaysVisit(w, w.patients.chronic.id);
  visitId = visit.id;
  requestId = (await createCareRequest(w.db, w.patients.chronicNoRegular.id)).id;
});
afterAll(() => server.stop());

describe('online visits are scoped like the patients they serve', () => {
  it('requires a session', async () => {
    expect((await api(server, 'GET', `/api/v1/online-visits?date=${visitDay()}`)).status).toBe(401);
    expect((await api(server, 'POST', `/api/v1/online-visits/${visitId}/start`)).status).toBe(401);
  });

  it('another compound’s gatekeeper cannot see or book: 404, audited as denied', async () => {
    const get = await api(server, 'GET', `/api/v1/online-visits/${visitId}`, {
      token: w.tokens.otherGatekeeper,
    });
    expect(get.status).toBe(404);
    const book = await api(server, 'POST', `/api/v1/requests/${requestId}/online-visit`, {
      token: w.tokens.otherGatekeeper,
      body: {},
    });
    expect(book.status).toBe(404);
    const denied = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.outcome, 'denied'), eq(auditLog.entityId, visitId)));
    expect(denied.length).toBeGreaterThan(0);
  });

  it('only the visit’s own hospital desk starts it; a gatekeeper or another desk cannot', async () => {
    expect(
      (await api(server, 'POST', `/api/v1/online-visits/${visitId}/start`, { token: w.tokens.gatekeeper }))
        .status,
    ).toBe(403);
    expect(
      (await api(server, 'POST', `/api/v1/online-visits/${visitId}/start`, { token: w.tokens.nearDesk }))
        .status,
    ).toBe(404);
    expect(
      (await api(server, 'POST', `/api/v1/online-visits/${visitId}/start`, { token: w.tokens.dispatcher }))
        .status,
    ).toBe(403);
  });

  it('a desk lists only its own hospital; a driver lists nothing', async () => {
    const own = await api<OnlineVisitList>(server, 'GET', `/api/v1/online-visits?date=${visitDay()}`, {
      token: w.tokens.nearDesk,
    });
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
    const foreign = await api(
      server,
      'GET',
      `/api/v1/online-visits?hospitalId=${w.regular.id}&date=${visitDay()}`,
      {
        token: w.tokens.nearDesk,
      },
    );
    expect(foreign.status).toBe(403);
    expect(
      (await api(server, 'GET', `/api/v1/online-visits?date=${visitDay()}`, { token: w.tokens.driver }))
        .status,
    ).toBe(403);
  });

  it('a hospital desk cannot publish another hospital’s online slots', async () => {
    expect((await publishOnlineSlots(server, w.tokens.nearDesk, w.regular.id)).status).toBe(404);
    expect((await publishOnlineSlots(server, w.tokens.gatekeeper, w.regular.id)).status).toBe(403);
  });

  it('the join link is the only key to the public view, and it carries no identity', async () => {
    const list = await api<OnlineVisitList>(
      server,
      'GET',
      `/api/v1/online-visits?compoundId=${w.compound.id}&date=${cityToday()}`,
      {
        token: w.tokens.gatekeeper,
      },
    );
    const path = list.body.items[0]?.joinPath;
    expect(path).toMatch(/^\/v\//);
    const view = await api(server, 'GET', `/api/v1${path!.replace('/v/', '/visit/')}`);
    expect(view.status).toBe(200);
    expect(Object.keys(view.body as object).sort()).toEqual([
      'endsAt',
      'hospitalName',
      'hospitalPhone',
      'service',
      'startsAt',
      'status',
    ]);
  });
});

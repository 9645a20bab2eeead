import type { OnlineVisitView, Problem } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../support/calendar.ts';
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
let visit: OnlineVisitView;

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const issue = (body: unknown) => (body as Problem).issues?.[0];
/** An appointment inside the 08:00–09:00 online clinic. */
const earlyWindow = () => ({
  windowStart: new Date(at(visitDay(), '08:00')),
  windowEnd: new Date(at(visitDay(), '08:30')),
});

beforeAll(async () => {
  server = await startTestServer();
  w = await createCareWorld(server);
  // Two places, 08:00 and 08:30, so a second booking fills the slot.
  await publishOnlineSlots(
    server,
    w.tokens.desk,
    w.regular.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      service: 'general' as const,
      weekday,
      startTime: '08:00',
      endTime: '09:00',
      capacity: 2,
    })),
  );
  const request = await createCareRequest(w.db, w.patients.chronic.id, earlyWindow());
  const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
    token: w.tokens.gatekeeper,
    body: {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  visit = res.body;
}, 120_000);
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

const reschedule = (token: string, body: unknown, id = visit.id, lang = 'en') =>
  api<Problem>(server, 'POST', `/api/v1/online-visits/${id}/reschedule`, {
    token,
    body,
    headers: { 'accept-language': lang },
  });

describe('moving a visit names what is wrong', () => {
  it('a missing or malformed time is a 400 naming startsAt; a stray field too', async () => {
    expect(issue((await reschedule(w.tokens.gatekeeper, {})).body)?.path).toBe('body.startsAt');
    expect(issue((await reschedule(w.tokens.gatekeeper, { startsAt: '明天上午' })).body)?.path).toBe(
      'body.startsAt',
    );
    const stray = await reschedule(w.tokens.gatekeeper, {
      startsAt: at(visitDay(), '08:30'),
      hospitalId: 'x',
    });
    expect(stray.status).toBe(400);
  });

  it('a time the hospital holds no online clinic at is a 400 naming startsAt, in the caller’s language', async () => {
    const zh = await reschedule(
      w.tokens.gatekeeper,
      { startsAt: at(visitDay(), '14:00') },
      visit.id,
      'zh-CN',
    );
    expect(zh.status).toBe(400);
    expect(issue(zh.body)).toMatchObject({ path: 'body.startsAt', code: 'no_online_slot' });
    expect(issue(zh.body)?.message).toContain('在线复诊');
  });

  it('a time too close to now (on the server’s clock) is a 400 naming startsAt', async () => {
    server.clock.set(at(visitDay(), '08:28'));
    const soon = await reschedule(w.tokens.desk, { startsAt: at(visitDay(), '08:30') });
    expect(soon.status).toBe(400);
    expect(issue(soon.body)).toMatchObject({ path: 'body.startsAt', code: 'visit_too_soon' });
  });

  it('a full slot is a 409 with the reason; the visit keeps its time', async () => {
    const other = await createCareRequest(w.db, w.patients.chronicNoRegular.id, {
      ...earlyWindow(),
    });
    const second = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${other.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: { hospitalId: w.regular.id },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const full = await reschedule(w.tokens.gatekeeper, { startsAt: at(visitDay(), '08:30') }, second.body.id);
    // Its own place is free to it, so asking for 08:30 from 08:30 keeps it; 08:00 is taken by the first.
    expect(full.status).toBe(200);
    const taken = await reschedule(w.tokens.gatekeeper, { startsAt: at(visitDay(), '08:45') });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'conflict', reason: { code: 'no_capacity' } });
    const still = await api<OnlineVisitView>(server, 'GET', `/api/v1/online-visits/${visit.id}`, {
      token: w.tokens.gatekeeper,
    });
    expect(still.body.startsAt).toBe(visit.startsAt);
  });
});

describe('only a booked visit is moved or cancelled', () => {
  it('a visit in progress cannot be moved or cancelled: 409 naming the status', async () => {
    const { visit: today } = await createTodaysVisit(w, w.patients.dialysis.id);
    expect(
      (await api(server, 'POST', `/api/v1/online-visits/${today.id}/start`, { token: w.tokens.desk })).status,
    ).toBe(200);
    const move = await reschedule(w.tokens.desk, { startsAt: at(addDays(visitDay(), 7), '08:00') }, today.id);
    expect(move.status).toBe(409);
    expect(move.body).toMatchObject({ code: 'invalid_transition', from: 'in_progress' });
    const cancel = await api<Problem>(server, 'POST', `/api/v1/online-visits/${today.id}/cancel`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'invalid_transition', from: 'in_progress' });
  });

  it('a cancelled visit cannot be cancelled again; a note with a control character is a 400 naming it', async () => {
    const bad = await api<Problem>(server, 'POST', `/api/v1/online-visits/${visit.id}/cancel`, {
      token: w.tokens.gatekeeper,
      body: { note: 'a\u0000b' },
    });
    expect(bad.status).toBe(400);
    expect(issue(bad.body)?.path).toBe('body.note');
    const first = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/cancel`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    expect(first.status).toBe(200);
    const again = await api<Problem>(server, 'POST', `/api/v1/online-visits/${visit.id}/cancel`, {
      token: w.tokens.desk,
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_transition', from: 'cancelled' });
  });
});

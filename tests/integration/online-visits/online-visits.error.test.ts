import type { Problem } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cityToday } from '../../support/calendar.ts';
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

beforeAll(async () => {
  server = await startTestServer();
  w = await createCareWorld(server);
  await publishOnlineSlots(server, w.tokens.desk, w.regular.id);
});
afterAll(() => server.stop());

const issue = (body: unknown) => (body as Problem).issues?.[0];

describe('a way the need does not allow is a 400 naming serveBy, in the caller’s language', () => {
  it('dialysis cannot be served online: choosing it, or booking it', async () => {
    const request = await createCareRequest(w.db, w.patients.dialysis.id, {
      service: 'dialysis',
      serveBy: 'trip',
    });
    const zh = await api(server, 'PUT', `/api/v1/requests/${request.id}/way`, {
      token: w.tokens.gatekeeper,
      body: { serveBy: 'online_visit' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.status).toBe(400);
    expect(issue(zh.body)).toMatchObject({ path: 'body.serveBy', code: 'way_needs_treatment_on_site' });
    expect(issue(zh.body)?.message).toContain('透析');
    const book = await api(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.dispatcher,
      body: {},
    });
    expect(book.status).toBe(400);
    expect(issue(book.body)?.code).toBe('way_needs_treatment_on_site');
  });

  it('an unknown way or a stray field is a 400 naming it', async () => {
    const request = await createCareRequest(w.db, w.patients.chronic.id, { date: addDays(visitDay(), 7) });
    const bad = await api(server, 'PUT', `/api/v1/requests/${request.id}/way`, {
      token: w.tokens.gatekeeper,
      body: { serveBy: 'drone' },
    });
    expect(bad.status).toBe(400);
    expect(issue(bad.body)?.path).toBe('body.serveBy');
    const stray = await api(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: { hospital: 'x' },
    });
    expect(stray.status).toBe(400);
  });

  it('a care need stored with a way its kind does not allow is refused', async () => {
    const res = await api(server, 'POST', `/api/v1/patients/${w.patients.dialysis.id}/needs`, {
      token: w.tokens.gatekeeper,
      body: {
        kind: 'dialysis',
        schedule: { weekdays: [1, 3, 5], startTime: '07:00' },
        serveBy: 'online_visit',
      },
    });
    expect(res.status).toBe(400);
    expect(issue(res.body)).toMatchObject({ path: 'body.serveBy', code: 'way_needs_treatment_on_site' });
  });
});

describe('booking refuses what cannot be booked', () => {
  it('no hospital with an online slot of the service: 409 with the reason, the request unserved', async () => {
    const request = await createCareRequest(w.db, w.patients.chronic.id, {
      service: 'obstetrics',
      date: addDays(visitDay(), 7),
    });
    const res = await api<Problem>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    expect(res.status).toBe(409);
    expect(res.body.reason).toMatchObject({ code: 'no_capable_hospital' });
  });

  it('a request already booked cannot be booked again, nor change its way', async () => {
    const request = await createCareRequest(w.db, w.patients.chronicNoRegular.id, {
      date: addDays(visitDay(), 14),
    });
    expect(
      (
        await api(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
          token: w.tokens.gatekeeper,
          body: {},
        })
      ).status,
    ).toBe(201);
    const again = await api<Problem>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    expect(again.status).toBe(409);
    const way = await api<Problem>(server, 'PUT', `/api/v1/requests/${request.id}/way`, {
      token: w.tokens.gatekeeper,
      body: { serveBy: 'trip' },
    });
    expect(way.status).toBe(409);
    expect(way.body.code).toBe('invalid_transition');
  });
});

describe('the desk’s steps keep their order and their day', () => {
  it('a visit of another day cannot be started; an outcome needs a started visit', async () => {
    const request = await createCareRequest(w.db, w.patients.chronic.id, { date: addDays(visitDay(), 21) });
    const booked = await api<{ id: string }>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    const start = await api<Problem>(server, 'POST', `/api/v1/online-visits/${booked.body.id}/start`, {
      token: w.tokens.desk,
    });
    expect(start.status).toBe(409);
    expect(start.body).toMatchObject({ code: 'step_not_open', rule: 'another_day' });
    const outcome = await api<Problem>(server, 'POST', `/api/v1/online-visits/${booked.body.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'done' },
    });
    expect(outcome.status).toBe(409);
    expect(outcome.body.code).toBe('invalid_transition');
  });

  it('an outcome body is checked field by field: the outcome, the on-site appointment, a passed one', async () => {
    const { visit } = await createTodaysVisit(w, w.patients.chronic.id);
    await api(server, 'POST', `/api/v1/online-visits/${visit.id}/start`, { token: w.tokens.desk });
    const unknown = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'maybe' },
    });
    expect(unknown.status).toBe(400);
    expect(issue(unknown.body)?.path).toBe('body.outcome');
    const missing = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'needs_on_site' },
    });
    expect(missing.status).toBe(400);
    expect(issue(missing.body)?.path).toBe('body.appointmentAt');
    const passed = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'needs_on_site', appointmentAt: `${addDays(cityToday(), -1)}T10:00:00+08:00` },
      headers: { 'accept-language': 'en' },
    });
    expect(passed.status).toBe(400);
    expect(issue(passed.body)).toMatchObject({ path: 'body.appointmentAt', code: 'appointment_passed' });
    const nul = await api(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'done', note: 'a\u0000b' },
    });
    expect(nul.status).toBe(400);
    expect(issue(nul.body)?.path).toBe('body.note');
  });

  it('overlapping online slots are a 400 naming the slot', async () => {
    const res = await api(server, 'PUT', `/api/v1/hospitals/${w.regular.id}/online-slots`, {
      token: w.tokens.desk,
      body: {
        slots: [
          { service: 'general', weekday: 1, startTime: '08:00', endTime: '12:00', capacity: 4 },
          { service: 'general', weekday: 1, startTime: '11:00', endTime: '13:00', capacity: 4 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(issue(res.body)?.path).toBe('body.slots.1');
  });

  it('a join link that is malformed or unknown answers 400 / 404', async () => {
    expect((await api(server, 'GET', '/api/v1/visit/short')).status).toBe(400);
    expect((await api(server, 'GET', `/api/v1/visit/${'A'.repeat(43)}`)).status).toBe(404);
  });
});

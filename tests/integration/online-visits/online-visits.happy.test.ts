import {
  auditLog,
  deliveries,
  domainEvents,
  onlineVisits,
  prescriptions,
  requests,
  streamEvents,
} from '@lastmeter/db';
import type {
  OnlineVisitJoinView,
  OnlineVisitList,
  OnlineVisitView,
  Overview,
  PlanDayResult,
  RequestView,
} from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
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
  tomorrowAt,
  visitDay,
} from './world.ts';

let server: TestServer;
let w: CareWorld;

beforeAll(async () => {
  server = await startTestServer();
  w = await createCareWorld(server);
});
afterAll(() => server.stop());

describe('hospitals publish online-visit capacity like their on-site slots', () => {
  it('the desk replaces its online template; the on-site template stays as it was', async () => {
    await api(server, 'PUT', `/api/v1/hospitals/${w.regular.id}/slots`, {
      token: w.tokens.desk,
      body: {
        slots: [{ service: 'dialysis', weekday: 1, startTime: '07:00', endTime: '11:00', capacity: 10 }],
      },
    });
    const res = await publishOnlineSlots(server, w.tokens.desk, w.regular.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as { slots: unknown[] }).slots).toHaveLength(7);
    const onSite = await api<{ slots: Array<{ service: string }> }>(
      server,
      'GET',
      `/api/v1/hospitals/${w.regular.id}/slots`,
      {
        token: w.tokens.desk,
      },
    );
    expect(onSite.body.slots).toEqual([expect.objectContaining({ service: 'dialysis', capacity: 10 })]);
    const day = await api<{ slots: Array<{ service: string; capacity: number }> }>(
      server,
      'GET',
      `/api/v1/hospitals/${w.regular.id}/online-capacity?date=${visitDay()}`,
      { token: w.tokens.gatekeeper },
    );
    expect(day.body.slots).toEqual([
      expect.objectContaining({ service: 'general', startTime: '08:00', capacity: 8 }),
    ]);
    expect((await publishOnlineSlots(server, w.tokens.nearDesk, w.near.id)).status).toBe(200);
  });

  it('a date override changes one day of the online clinic only', async () => {
    const date = addDays(visitDay(), 1);
    const res = await api<{ slots: Array<{ capacity: number; source: string }> }>(
      server,
      'PUT',
      `/api/v1/hospitals/${w.near.id}/online-overrides/${date}`,
      {
        token: w.tokens.nearDesk,
        body: { slots: [{ service: 'general', startTime: '08:00', endTime: '12:00', capacity: 0 }] },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.slots).toEqual([expect.objectContaining({ capacity: 0, source: 'override' })]);
    const onSite = await api<{ slots: unknown[] }>(
      server,
      'GET',
      `/api/v1/hospitals/${w.near.id}/capacity?date=${date}`,
      {
        token: w.tokens.nearDesk,
      },
    );
    expect(onSite.body.slots).toEqual([]);
  });
});

describe('the gatekeeper books an online visit', () => {
  let visit: OnlineVisitView;

  it('lists the request with its way of service and the ways its need allows', async () => {
    const request = await createCareRequest(w.db, w.patients.chronic.id, { needId: w.chronicNeed.id });
    const res = await api<RequestView[]>(
      server,
      'GET',
      `/api/v1/requests?compoundId=${w.compound.id}&date=${visitDay()}`,
      {
        token: w.tokens.gatekeeper,
      },
    );
    const mine = res.body.find((r) => r.id === request.id);
    expect(mine).toMatchObject({ serveBy: 'online_visit', status: 'open' });
    expect([...(mine?.allowedWays ?? [])].sort()).toEqual(['delivery', 'online_visit', 'trip']);

    const booked = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.gatekeeper,
      body: {},
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    visit = booked.body;
    // Continuity of care: the regular hospital, though another one is nearer; at the appointment's place.
    expect(visit).toMatchObject({
      hospitalId: w.regular.id,
      hospitalName: '常去医院',
      status: 'booked',
      patientName: '慢病甲',
      matchReason: { code: 'regular_hospital' },
      startsAt: new Date(`${visitDay()}T09:00:00+08:00`).toISOString(),
      endsAt: new Date(`${visitDay()}T09:30:00+08:00`).toISOString(),
    });
    expect(visit.joinPath).toMatch(/^\/v\/[A-Za-z0-9_-]{43}$/);
    const [row] = await w.db.select().from(requests).where(eq(requests.id, request.id));
    expect(row).toMatchObject({ status: 'planned', serveBy: 'online_visit', hospitalId: w.regular.id });
  });

  it('the join link shows hospital and time to anyone holding it, never the patient', async () => {
    const res = await api<OnlineVisitJoinView>(
      server,
      'GET',
      `/api/v1${visit.joinPath!.replace('/v/', '/visit/')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      hospitalName: '常去医院',
      hospitalPhone: w.regular.phone,
      service: 'general',
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
      status: 'booked',
    });
    expect(JSON.stringify(res.body)).not.toContain('慢病');
  });

  it('a patient without a regular hospital gets the nearest with a free online place; the next place in the slot', async () => {
    const request = await createCareRequest(w.db, w.patients.chronicNoRegular.id);
    const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
      token: w.tokens.dispatcher,
      body: {},
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ hospitalId: w.near.id, matchReason: { code: 'nearest_capable' } });
    // Dispatch books but does not pass the link on, and sees the name masked.
    expect(res.body.joinPath).toBeNull();
    expect(res.body.patientName).not.toBe('慢病乙');
  });

  it('records the booking as an event for the hospital, district and compound streams, and audits it', async () => {
    const [event] = await w.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'online_visit.booked'));
    expect(event?.payload).toMatchObject({ visitId: visit.id, hospitalId: w.regular.id, status: 'booked' });
    expect(JSON.stringify(event?.payload)).not.toContain('慢病');
    const streams = await w.db.select().from(streamEvents).where(eq(streamEvents.eventId, event!.id));
    expect(streams.map((s) => s.recipient).sort()).toEqual(
      [`compound:${w.compound.id}`, `district:${w.district.id}`, `hospital:${w.regular.id}`].sort(),
    );
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'book_online_visit'), eq(auditLog.outcome, 'allowed')));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('the hospital desk lists its day; the gatekeeper lists the compound with the links', async () => {
    const desk = await api<OnlineVisitList>(
      server,
      'GET',
      `/api/v1/online-visits?hospitalId=${w.regular.id}&date=${visitDay()}`,
      {
        token: w.tokens.desk,
      },
    );
    expect(desk.body.items.map((v) => v.id)).toEqual([visit.id]);
    expect(desk.body.items[0]?.joinPath).toBe(visit.joinPath);
    const gate = await api<OnlineVisitList>(
      server,
      'GET',
      `/api/v1/online-visits?compoundId=${w.compound.id}&date=${visitDay()}`,
      {
        token: w.tokens.gatekeeper,
      },
    );
    expect(gate.body.items).toHaveLength(2);
    expect(gate.body.items.every((v) => v.joinPath !== null)).toBe(true);
    const one = await api<OnlineVisitView>(server, 'GET', `/api/v1/online-visits/${visit.id}`, {
      token: w.tokens.gatekeeper,
    });
    expect(one.body).toEqual(visit);
  });
});

describe('the gatekeeper or dispatcher chooses the way', () => {
  it('moves a chronic request to a trip and back; the request follows, with an event', async () => {
    const request = await createCareRequest(w.db, w.patients.chronicNoRegular.id, {
      date: addDays(visitDay(), 2),
    });
    const trip = await api<RequestView>(server, 'PUT', `/api/v1/requests/${request.id}/way`, {
      token: w.tokens.gatekeeper,
      body: { serveBy: 'trip' },
    });
    expect(trip.status, JSON.stringify(trip.body)).toBe(200);
    expect(trip.body).toMatchObject({ serveBy: 'trip', status: 'open' });
    const back = await api<RequestView>(server, 'PUT', `/api/v1/requests/${request.id}/way`, {
      token: w.tokens.dispatcher,
      body: { serveBy: 'online_visit' },
    });
    expect(back.body.serveBy).toBe('online_visit');
    const events = await w.db.select().from(domainEvents).where(eq(domainEvents.type, 'request.way_changed'));
    expect(events.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ requestId: request.id, serveBy: 'trip', previous: 'online_visit' }),
        expect.objectContaining({ requestId: request.id, serveBy: 'online_visit', previous: 'trip' }),
      ]),
    );
  });

  it('"plan the day" books the day’s online requests and opens no round trip for them', async () => {
    const date = addDays(visitDay(), 2);
    const res = await api<PlanDayResult>(server, 'POST', `/api/v1/districts/${w.district.id}/plan`, {
      token: w.tokens.dispatcher,
      body: { date, iterations: 50, seed: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.onlineVisits).toEqual({ booked: 1, unmatched: [] });
    expect(res.body.trips.created).toBe(0);
  });
});

describe('the hospital desk holds the visit', () => {
  it('starts today’s visit and records that the patient must come: a trip request is raised', async () => {
    const { request, visit } = await createTodaysVisit(w, w.patients.chronic.id);
    const started = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/start`, {
      token: w.tokens.desk,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('in_progress');
    const appointmentAt = tomorrowAt('10:00');
    const ended = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'needs_on_site', appointmentAt, note: '需查血' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: 'needs_on_site', note: '需查血' });
    const followUpId = ended.body.followUpRequestId!;
    const [followUp] = await w.db.select().from(requests).where(eq(requests.id, followUpId));
    expect(followUp).toMatchObject({
      serveBy: 'trip',
      source: 'online_visit',
      hospitalId: w.regular.id,
      service: 'general',
      date: addDays(cityToday(), 1),
      status: 'open',
    });
    expect(followUp?.windowEnd.toISOString()).toBe(new Date(appointmentAt).toISOString());
    const [original] = await w.db.select().from(requests).where(eq(requests.id, request.id));
    expect(original?.status).toBe('done');
    const types = (await w.db.select({ type: domainEvents.type }).from(domainEvents)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['online_visit.started', 'online_visit.ended', 'request.created']),
    );
  });

  it('no answer leaves the need unmet with that reason, counted by the overview', async () => {
    const { visit } = await createTodaysVisit(w, w.patients.chronicNoRegular.id, '08:30');
    await api(server, 'POST', `/api/v1/online-visits/${visit.id}/start`, { token: w.tokens.desk });
    const ended = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: { outcome: 'no_answer' },
    });
    expect(ended.body.status).toBe('no_answer');
    const overview = await api<Overview>(
      server,
      'GET',
      `/api/v1/districts/${w.district.id}/overview?date=${cityToday()}`,
      {
        token: w.tokens.dispatcher,
      },
    );
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.careWays.byWay.online_visit).toEqual({ total: 2, served: 1, unmet: 1 });
    expect(overview.body.careWays.unmetByReason).toEqual({ no_answer: 1 });
    const [row] = await w.db.select().from(onlineVisits).where(eq(onlineVisits.id, visit.id));
    expect(row?.endedAt).not.toBeNull();
  });
});

describe('a prescription issued online is delivered', () => {
  it('the desk records the prescription: a delivery from its pharmacy to the gate, in the same step', async () => {
    const { request, visit } = await createTodaysVisit(w, w.patients.chronic.id, '09:00');
    await api(server, 'POST', `/api/v1/online-visits/${visit.id}/start`, { token: w.tokens.desk });
    const ended = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/outcome`, {
      token: w.tokens.desk,
      body: {
        outcome: 'prescription_issued',
        note: '续方',
        items: [{ name: '二甲双胍缓释片', quantity: '2盒', instructions: '每日一次' }],
        date: addDays(cityToday(), 1),
      },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.status).toBe('prescription_issued');
    const [prescription] = await w.db
      .select()
      .from(prescriptions)
      .where(eq(prescriptions.onlineVisitId, visit.id));
    expect(prescription).toMatchObject({
      hospitalId: w.regular.id,
      source: 'online_visit',
      patientId: w.patients.chronic.id,
    });
    const [delivery] = await w.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.prescriptionId, prescription!.id));
    expect(delivery).toMatchObject({ requestId: request.id, status: 'pending' });
    const [original] = await w.db.select().from(requests).where(eq(requests.id, request.id));
    expect(original?.status).toBe('done');
  });

  it('a prescription without medicines is a 400 naming items', async () => {
    const { visit } = await createTodaysVisit(w, w.patients.chronicNoRegular.id, '09:30');
    await api(server, 'POST', `/api/v1/online-visits/${visit.id}/start`, { token: w.tokens.desk });
    const res = await api<{ issues?: Array<{ path: string }> }>(
      server,
      'POST',
      `/api/v1/online-visits/${visit.id}/outcome`,
      {
        token: w.tokens.desk,
        body: { outcome: 'prescription_issued', items: [] },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.issues?.[0]?.path).toBe('body.items');
  });
});

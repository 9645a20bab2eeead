import { auditLog, domainEvents, noticeSettings, notices, onlineVisits, requests } from '@lastmeter/db';
import { HttpSmsProvider } from '@lastmeter/server/domain/notices/http-sms-provider.ts';
import { createNoticeWorker } from '@lastmeter/server/domain/notices/notice-worker.ts';
import { createLogger } from '@lastmeter/server/logger.ts';
import type { NoticeView, OnlineVisitView } from '@lastmeter/shared';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../support/calendar.ts';
import { api } from '../../support/http.ts';
import { startSmsGateway } from '../../support/sms-gateway.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { type CareWorld, createCareRequest, createCareWorld, publishOnlineSlots, visitDay } from './world.ts';

// The online visit's time and join link reach the household through the notices outbox (issue #13's),
// when it is booked, moved or cancelled; the gatekeeper or the hospital desk moves or cancels it.

const PUBLIC_URL = 'https://lastmeter.example.cn';
const FAMILY = '13900002222';

let server: TestServer;
let w: CareWorld;

beforeAll(async () => {
  server = await startTestServer({ publicUrl: PUBLIC_URL });
  w = await createCareWorld(server);
  await publishOnlineSlots(server, w.tokens.desk, w.regular.id);
}, 120_000);
afterAll(() => server.stop());

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

function noticesOf(visitId: string) {
  return w.db
    .select()
    .from(notices)
    .where(eq(notices.onlineVisitId, visitId))
    .orderBy(asc(notices.createdAt), asc(notices.recipient));
}

async function book(patientId: string, token: string, date = visitDay()) {
  const request = await createCareRequest(w.db, patientId, { date });
  const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${request.id}/online-visit`, {
    token,
    body: {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { request, visit: res.body };
}

describe('the household is told its online visit', () => {
  let visit: OnlineVisitView;

  it('a booking queues a notice with the day, time, hospital and the absolute join link, to the patient and the family', async () => {
    const settings = await api(server, 'PUT', `/api/v1/patients/${w.patients.chronic.id}/notice-settings`, {
      token: w.tokens.gatekeeper,
      body: { optedOut: false, familyPhone: FAMILY, quietStart: '21:30', quietEnd: '07:00' },
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    ({ visit } = await book(w.patients.chronic.id, w.tokens.gatekeeper));
    const queued = await noticesOf(visit.id);
    expect(queued.map((n) => [n.kind, n.recipient, n.status])).toEqual([
      ['visit_booked', 'patient', 'queued'],
      ['visit_booked', 'family', 'queued'],
    ]);
    const [first] = queued;
    expect(first?.tripId).toBeNull();
    expect(first?.params).toMatchObject({
      date: visitDay(),
      visitTime: '09:00',
      hospital: '常去医院',
      joinLink: `${PUBLIC_URL}${visit.joinPath}`,
    });
    expect(first?.body).toContain(`${PUBLIC_URL}${visit.joinPath}`);
    expect(first?.body).toContain('09:00');
    // No identity in the words: only times, the hospital and the link.
    expect(first?.body).not.toContain('慢病');
  });

  it('the gatekeeper reads the notices with the link; dispatch sees them without it', async () => {
    const gate = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?onlineVisitId=${visit.id}`, {
      token: w.tokens.gatekeeper,
    });
    expect(gate.status, JSON.stringify(gate.body)).toBe(200);
    expect(gate.body).toHaveLength(2);
    expect(gate.body[0]).toMatchObject({ onlineVisitId: visit.id, tripId: null, kind: 'visit_booked' });
    expect(gate.body[0]?.body).toContain(visit.joinPath!);
    expect(gate.body[0]?.phone).not.toContain(FAMILY);
    const dispatch = await api<NoticeView[]>(server, 'GET', `/api/v1/notices?districtId=${w.district.id}`, {
      token: w.tokens.dispatcher,
    });
    const mine = dispatch.body.filter((n) => n.onlineVisitId === visit.id);
    expect(mine).toHaveLength(2);
    for (const n of mine) expect(n.body).not.toContain(visit.joinPath!.slice(3));
  });

  it('the worker holds the notice through quiet hours and sends it after, through the SMS provider', async () => {
    const gateway = await startSmsGateway(() => ({ status: 200 }));
    try {
      const sender = createNoticeWorker({
        db: server.app.db,
        provider: new HttpSmsProvider({
          url: gateway.url,
          key: 'test-key',
          signName: '最后一米',
          templates: {},
          timeoutMs: 5_000,
        }),
        logger: createLogger('silent'),
        timeZone: 'Asia/Shanghai',
      });
      const night = new Date(at(addDays(visitDay(), -1), '23:00'));
      await sender.runOnce(night);
      expect(gateway.requests).toHaveLength(0);
      const held = await noticesOf(visit.id);
      for (const n of held) expect(n.nextAttemptAt.toISOString()).toBe(at(visitDay(), '07:00'));
      await sender.runOnce(new Date(at(visitDay(), '07:01')));
      const sent = await noticesOf(visit.id);
      expect(sent.map((n) => n.status)).toEqual(['sent', 'sent']);
      expect(gateway.requests.map((r) => r.body.phone).sort()).toEqual(
        [FAMILY, w.patients.chronic.phone].sort(),
      );
      expect(gateway.requests[0]?.body.text).toContain(`${PUBLIC_URL}${visit.joinPath}`);
    } finally {
      await gateway.close();
    }
  });

  it('the hospital desk moves the visit: the request moves with it, an event and an audit row, and the household is told the new time', async () => {
    const wanted = at(visitDay(), '10:40');
    const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/reschedule`, {
      token: w.tokens.desk,
      body: { startsAt: wanted },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The first free place from the time asked: the slot's places are 30 minutes from 08:00.
    expect(res.body).toMatchObject({
      id: visit.id,
      status: 'booked',
      startsAt: at(visitDay(), '11:00'),
      endsAt: at(visitDay(), '11:30'),
      joinPath: visit.joinPath,
    });
    const [request] = await w.db.select().from(requests).where(eq(requests.id, visit.requestId));
    expect(request?.windowEnd.toISOString()).toBe(at(visitDay(), '11:30'));
    const [event] = await w.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'online_visit.rescheduled'));
    expect(event?.payload).toMatchObject({
      visitId: visit.id,
      startsAt: at(visitDay(), '11:00'),
      previousStartsAt: at(visitDay(), '09:00'),
    });
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reschedule_online_visit'), eq(auditLog.outcome, 'allowed')));
    expect(audit?.entityId).toBe(w.patients.chronic.id);
    const changed = (await noticesOf(visit.id)).filter((n) => n.kind === 'visit_changed');
    expect(changed).toHaveLength(2);
    expect(changed[0]?.params.visitTime).toBe('11:00');
    expect(changed[0]?.body).toContain('11:00');
  });

  it('the visit moves to another day; its request is counted on the new day', async () => {
    const nextWeek = addDays(visitDay(), 7);
    const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/reschedule`, {
      token: w.tokens.gatekeeper,
      body: { startsAt: at(nextWeek, '08:00') },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ date: nextWeek, startsAt: at(nextWeek, '08:00') });
    const [request] = await w.db.select().from(requests).where(eq(requests.id, visit.requestId));
    expect(request?.date).toBe(nextWeek);
  });

  it('the gatekeeper cancels it: the place is free again, the request unserved with that reason, the household told', async () => {
    const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/online-visits/${visit.id}/cancel`, {
      token: w.tokens.gatekeeper,
      body: { note: '家属说已在社区医院开药' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const [request] = await w.db.select().from(requests).where(eq(requests.id, visit.requestId));
    expect(request).toMatchObject({ status: 'unserved', matchReason: { code: 'visit_cancelled' } });
    const cancelled = (await noticesOf(visit.id)).filter((n) => n.kind === 'visit_cancelled');
    expect(cancelled.map((n) => n.recipient).sort()).toEqual(['family', 'patient']);
    expect(cancelled[0]?.body).not.toContain('/v/');
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cancel_online_visit'), eq(auditLog.outcome, 'allowed')));
    expect(audit?.detail).toMatchObject({ visitId: visit.id });
    // Its place is free: booking the request again takes that very time.
    const again = await api<OnlineVisitView>(
      server,
      'POST',
      `/api/v1/requests/${visit.requestId}/online-visit`,
      { token: w.tokens.gatekeeper, body: {} },
    );
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.startsAt).toBe(at(addDays(visitDay(), 7), '08:00'));
    expect(again.body.id).not.toBe(visit.id);
  });

  it('a household that opted out gets no notice: the rows are kept as skipped, so the gate sees why', async () => {
    await w.db
      .insert(noticeSettings)
      .values({ patientId: w.patients.chronicNoRegular.id, optedOut: true })
      .onConflictDoUpdate({ target: noticeSettings.patientId, set: { optedOut: true } });
    const { visit: quiet } = await book(w.patients.chronicNoRegular.id, w.tokens.dispatcher);
    const rows = await noticesOf(quiet.id);
    expect(rows.map((n) => [n.kind, n.status, n.lastError])).toEqual([
      ['visit_booked', 'skipped', 'opted_out'],
    ]);
    const [row] = await w.db.select().from(onlineVisits).where(eq(onlineVisits.id, quiet.id));
    expect(row?.status).toBe('booked');
  });
});

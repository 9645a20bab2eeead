import { auditLog } from '@lastmeter/db';
import type { LegView, Problem, TripView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, planTheDay, post, type TripWorld, tripWorld } from './world.ts';

/**
 * Steps are guarded by the server's clock and by who is aboard, not only by status (docs/product.md
 * "The trip lifecycle"): a leg of another day cannot be worked, the gate's "out" opens shortly before
 * the pickup, the hospital confirms an arrival once the car is there, a fixed treatment finished far
 * too early needs its reason, and a patient rides one leg at a time. Each refusal is a 409
 * `step_not_open` naming the rule (and when it opens), in the caller's language; nothing is written.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

type StepProblem = Problem & { rule?: string; opensAt?: string };

async function refused(
  path: string,
  token: string,
  rule: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<StepProblem> {
  const res = await api<StepProblem>(server, 'POST', path, { token, body, headers });
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body).toMatchObject({ code: 'step_not_open', rule });
  return res.body;
}

async function legOf(
  w: TripWorld,
  legId: string,
): Promise<LegView & { history: { to: string; note: string }[] }> {
  return (
    await api<LegView & { history: { to: string; note: string }[] }>(server, 'GET', `/api/v1/legs/${legId}`, {
      token: w.dispatcher.token,
    })
  ).body;
}

/** A planned dialysis round trip on DAY (arrive 07:00–07:30, four hours of treatment), both legs on the car. */
async function plannedTrip(w: TripWorld): Promise<TripView> {
  const request = await createRequest(w.db, w.patient.id, { date: DAY });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  const plan = await planTheDay(server, w);
  expect(plan.served.map((s) => s.legId).sort()).toEqual([trip.outbound.id, trip.return.id].sort());
  return trip;
}

// Each test plans a day (a planner run): generous time for a busy CI machine.
describe('the clock guards the steps of a leg', { timeout: 90_000 }, () => {
  it('a leg of another day cannot be taken on or worked; its card says its day', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    const leg = await legOf(w, trip.outbound.id);
    expect(leg.date).toBe(DAY);

    // Today is weeks before DAY: accepting (which pins the job to the car) waits for the day.
    const problem = await refused(`/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token, 'another_day');
    expect(problem.opensAt).toBe(new Date(`${DAY}T00:00:00+08:00`).toISOString());
    // Said in the caller's language.
    const zh = await refused(
      `/api/v1/legs/${trip.outbound.id}/accept`,
      w.driver.token,
      'another_day',
      {},
      {
        'accept-language': 'zh-CN',
      },
    );
    expect(zh.detail).toContain('其他日期');
    expect((await legOf(w, trip.outbound.id)).status).toBe('assigned');

    // On its day it is worked; the same steps today, for a leg the day after, are refused again.
    await clockAtLeg(server, w, trip.outbound.id, 'pickup', -60);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/en-route`, w.driver.token);
    // The evening before, the same leg cannot be worked on.
    server.clock.set(new Date(Date.parse(`${DAY}T00:00:00+08:00`) - 3_600_000));
    await refused(`/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token, 'another_day');
  });

  it('"out" opens shortly before the pickup; the hospital confirms once the car is there', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    const pickup = await clockAtLeg(server, w, trip.outbound.id, 'pickup', -120);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    // The car is not at the gate yet: nobody is sent out of the compound to wait for it.
    const noCar = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.outbound.id}/out`, {
      token: w.gatekeeper.token,
      body: {},
    });
    expect(noCar.status).toBe(409);
    expect(noCar.body).toMatchObject({ code: 'invalid_transition', from: 'accepted' });
    await ok(server, `/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token);

    // Two hours early, one tap at the gate must not send the patient out.
    const early = await refused(`/api/v1/legs/${trip.outbound.id}/out`, w.gatekeeper.token, 'out_not_open');
    expect(early.opensAt).toBe(new Date(pickup.getTime() + 90 * 60_000).toISOString());
    expect((await legOf(w, trip.outbound.id)).status).toBe('at_pickup');

    await clockAtLeg(server, w, trip.outbound.id, 'pickup', -20);
    const out = await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/out`, w.gatekeeper.token);
    expect(out.status).toBe('on_board');

    // The car has just left the gate: the desk cannot confirm an arrival yet.
    const dropoff = Date.parse(out.plannedDropoffAt ?? '');
    const notThere = await refused(
      `/api/v1/legs/${trip.outbound.id}/arrived`,
      w.hospitalDesk.token,
      'arrival_not_open',
    );
    expect(notThere.opensAt).toBe(new Date(dropoff - 15 * 60_000).toISOString());
    // Once the driver says the car is there, the desk confirms at once.
    await ok(server, `/api/v1/legs/${trip.outbound.id}/arrive`, w.driver.token);
    const arrived = await ok<LegView>(
      server,
      `/api/v1/legs/${trip.outbound.id}/arrived`,
      w.hospitalDesk.token,
    );
    expect(arrived.status).toBe('completed');
  });

  it('a fixed treatment finished long before its planned end needs the reason, which is kept', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id, 'pickup');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/out`, w.gatekeeper.token);
    const arrivedAt = await clockAtLeg(server, w, trip.outbound.id, 'dropoff');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/arrived`, w.hospitalDesk.token);

    // A minute after arrival, four hours of dialysis cannot be over: the desk is asked why.
    server.clock.set(new Date(arrivedAt.getTime() + 60_000));
    const planned = Math.max(arrivedAt.getTime(), Date.parse(`${DAY}T07:30:00+08:00`)) + 240 * 60_000;
    const problem = await refused(
      `/api/v1/trips/${trip.id}/treatment-finished`,
      w.hospitalDesk.token,
      'treatment_not_over',
    );
    expect(problem.opensAt).toBe(new Date(planned).toISOString());
    expect((await legOf(w, trip.return.id)).history.map((h) => h.note)).not.toContain(
      expect.stringContaining('treatment finished'),
    );
    const blank = await post(server, `/api/v1/trips/${trip.id}/treatment-finished`, w.hospitalDesk.token, {
      earlyReason: '',
    });
    expect(blank.status).toBe(400);

    // With the reason it is "finished early": allowed, and the record says so and why.
    const reason = '血压过低，无法继续透析';
    const released = await ok<LegView>(
      server,
      `/api/v1/trips/${trip.id}/treatment-finished`,
      w.hospitalDesk.token,
      {
        earlyReason: reason,
      },
    );
    expect(released.pickupWindow[0]).toBe(new Date(arrivedAt.getTime() + 60_000).toISOString());
    const history = (await legOf(w, trip.return.id)).history.map((h) => h.note);
    expect(history).toContain(
      `treatment finished early (planned until ${new Date(planned).toISOString()}): ${reason}`,
    );
    const [audit] = await w.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'leg.release'), eq(auditLog.entityId, w.patient.id)));
    expect(audit?.detail).toMatchObject({
      finishedEarly: true,
      reason,
      plannedEnd: new Date(planned).toISOString(),
    });
  });

  it('at its planned end the treatment is simply finished', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id, 'pickup');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/out`, w.gatekeeper.token);
    const arrivedAt = await clockAtLeg(server, w, trip.outbound.id, 'dropoff');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/arrived`, w.hospitalDesk.token);
    const planned = Math.max(arrivedAt.getTime(), Date.parse(`${DAY}T07:30:00+08:00`)) + 240 * 60_000;
    server.clock.set(new Date(planned - 10 * 60_000));
    await ok(server, `/api/v1/trips/${trip.id}/treatment-finished`, w.hospitalDesk.token);
    const history = (await legOf(w, trip.return.id)).history.map((h) => h.note);
    expect(history).toContain('treatment finished: released for return');
  });
});

describe('a patient rides one leg at a time', () => {
  it('the return is not picked up before the outbound ended, nor while the patient is aboard it', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id, 'pickup');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.return.id}/accept`, w.driver.token);

    // The patient has not left the compound: nobody can be loaded at the hospital for the way home.
    await refused(`/api/v1/legs/${trip.return.id}/on-board`, w.driver.token, 'outbound_not_finished');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/at-pickup`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/out`, w.gatekeeper.token);
    // Now the patient is in the car on the way there: not aboard two legs at once.
    await refused(`/api/v1/legs/${trip.return.id}/on-board`, w.driver.token, 'patient_aboard_elsewhere');
    expect((await legOf(w, trip.return.id)).status).toBe('accepted');

    await clockAtLeg(server, w, trip.outbound.id, 'dropoff');
    await ok(server, `/api/v1/legs/${trip.outbound.id}/arrived`, w.hospitalDesk.token);
    await clockAtLeg(server, w, trip.return.id, 'pickup');
    const boarded = await ok<LegView>(server, `/api/v1/legs/${trip.return.id}/on-board`, w.driver.token);
    expect(boarded.status).toBe('on_board');
  });

  it('no return is left without its outbound, nor an outbound without its return', async () => {
    const w = await tripWorld(server);
    const trip = await plannedTrip(w);
    await clockAtLeg(server, w, trip.outbound.id, 'pickup');
    await ok(server, `/api/v1/legs/${trip.return.id}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${trip.return.id}/at-pickup`, w.driver.token);
    // Nobody is missing at the hospital who never went there.
    await refused(`/api/v1/legs/${trip.return.id}/no-show`, w.driver.token, 'outbound_not_finished');
    // The way back alone cannot be cancelled while the way there is still ahead: the trip is cancelled whole.
    const alone = await post<Problem & { outboundLegId?: string }>(
      server,
      `/api/v1/legs/${trip.return.id}/cancel`,
      w.dispatcher.token,
      { reason: '患者住院' },
    );
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ code: 'conflict', outboundLegId: trip.outbound.id });
    const whole = await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/cancel`, w.dispatcher.token, {
      reason: '患者住院',
    });
    expect(whole.status).toBe('cancelled');
    expect((await legOf(w, trip.return.id)).status).toBe('cancelled');
  });
});

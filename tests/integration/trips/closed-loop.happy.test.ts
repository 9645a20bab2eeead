import type { LegView, PlanDayResult, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

const types = (c: TestClient) => c.events.map((e) => e.type);

describe('a dialysis patient’s closed loop (一出一进、一来一回)', () => {
  it('request → plan → out → arrived → treatment finished → back, each party hearing exactly its events', async () => {
    const w = await tripWorld(server);
    const connect = async (token: string) => {
      const c = await connectClient(server, token);
      clients.push(c);
      return c;
    };
    const driver = await connect(w.driver.token);
    const dispatch = await connect(w.dispatcher.token);
    const gate = await connect(w.gatekeeper.token);
    const desk = await connect(w.hospitalDesk.token);
    const outsiders = [
      await connect(w.otherDriver.token),
      await connect(w.otherGatekeeper.token),
      await connect(w.otherHospitalDesk.token),
    ];

    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    expect(trip.hospitalId).toBe(w.hospital.id);
    expect(trip.matchReason?.code).toBe('regular_hospital');
    expect(trip.return.released).toBe(true);
    expect(new Date(trip.return.pickupWindow[0]!).getTime()).toBeGreaterThanOrEqual(
      new Date(`${DAY}T07:30:00+08:00`).getTime() + 240 * 60_000,
    );

    const plan = await ok<PlanDayResult>(
      server,
      `/api/v1/districts/${w.district.id}/plan`,
      w.dispatcher.token,
      { date: DAY, seed: 1, iterations: 50 },
    );
    expect(plan.unserved).toEqual([]);
    expect(plan.served.map((s) => s.vehicleId)).toEqual([w.vehicle.id, w.vehicle.id]);

    // The driver receives both jobs live.
    await driver.waitFor((e) => e.filter((x) => x.type === 'job.assigned').length === 2);
    const outLeg = trip.outbound.id;
    const retLeg = trip.return.id;
    expect(driver.events.map((e) => e.payload.legId).sort()).toEqual([outLeg, retLeg].sort());
    const card = driver.events[0]!.payload as { patient: { name: string }; gate: { id: string } };
    expect(card.patient.name).toBe('王*国');
    expect(JSON.stringify(driver.events)).not.toContain(w.patient.nationalId);

    const jobs = await api<LegView[]>(server, 'GET', '/api/v1/me/jobs', { token: w.driver.token });
    expect(jobs.body.map((j) => j.id)).toEqual([outLeg, retLeg]);

    const schedule = await api<LegView[]>(
      server,
      'GET',
      `/api/v1/compounds/${w.compound.id}/gate-schedule?date=${DAY}`,
      { token: w.gatekeeper.token },
    );
    expect(schedule.body.map((l) => [l.id, l.vehicle?.plate])).toEqual([
      [outLeg, w.vehicle.plate],
      [retLeg, w.vehicle.plate],
    ]);

    // The day comes: the server's clock is set to each moment the steps happen on DAY.
    await clockAtLeg(server, w, outLeg, 'pickup', -20);
    const at = { lng: 121.431, lat: 31.17 };
    await ok(server, `/api/v1/legs/${outLeg}/accept`, w.driver.token, at);
    await ok(server, `/api/v1/legs/${outLeg}/en-route`, w.driver.token, at);
    await ok(server, `/api/v1/legs/${outLeg}/at-pickup`, w.driver.token, at);
    const out = await ok<LegView>(server, `/api/v1/legs/${outLeg}/out`, w.gatekeeper.token, at);
    expect(out.status).toBe('on_board');
    expect(out.etaAt).not.toBeNull();

    // The hospital saw it coming, with an ETA.
    await desk.waitFor((e) => e.filter((x) => x.type === 'arrival.expected').length === 2);
    const arrivals = await api<LegView[]>(
      server,
      'GET',
      `/api/v1/hospitals/${w.hospital.id}/arrivals?date=${DAY}`,
      { token: w.hospitalDesk.token },
    );
    expect(arrivals.body.map((a) => [a.id, a.status, Boolean(a.etaAt)])).toEqual([
      [outLeg, 'on_board', true],
    ]);

    await clockAtLeg(server, w, outLeg, 'dropoff');
    const arrived = await ok<LegView>(server, `/api/v1/legs/${outLeg}/arrived`, w.hospitalDesk.token);
    expect(arrived.status).toBe('completed');
    // Four hours of dialysis later (the return's booked pickup), treatment is finished.
    await clockAtLeg(server, w, retLeg, 'pickup');
    await ok(server, `/api/v1/trips/${trip.id}/treatment-finished`, w.hospitalDesk.token);
    // The return job is pushed to the driver.
    await driver.waitFor((e) => e.some((x) => x.type === 'job.updated' && x.payload.legId === retLeg));

    await ok(server, `/api/v1/legs/${retLeg}/accept`, w.driver.token);
    await ok(server, `/api/v1/legs/${retLeg}/on-board`, w.driver.token, { lng: 121.4502, lat: 31.1901 });
    await ok(server, `/api/v1/legs/${retLeg}/arrive`, w.driver.token, at);
    const back = await ok<LegView>(server, `/api/v1/legs/${retLeg}/back`, w.gatekeeper.token, at);
    expect(back.status).toBe('completed');

    const expected = {
      driver: [
        'job.assigned',
        'job.assigned',
        ...Array(5).fill('leg.status_changed'),
        'job.updated',
        ...Array(4).fill('leg.status_changed'),
      ],
      dispatch: [
        'job.assigned',
        'job.assigned',
        // Both legs have a vehicle: the request is planned; the gate's "back" makes it done.
        'request.status_changed',
        'leg.status_changed',
        'leg.status_changed',
        // The car sets off: on a job; empty at the hospital: available (a normal patient, no disinfection).
        'vehicle.status_changed',
        'leg.status_changed',
        'leg.status_changed',
        'patient.out',
        'leg.status_changed',
        'vehicle.status_changed',
        'job.updated',
        'leg.status_changed',
        'leg.status_changed',
        'vehicle.status_changed',
        'leg.status_changed',
        'leg.status_changed',
        'patient.back',
        'request.status_changed',
        'vehicle.status_changed',
      ],
      gate: [
        'job.assigned',
        'job.assigned',
        'request.status_changed',
        // The outbound car accepted, on its way, at the gate.
        'leg.status_changed',
        'leg.status_changed',
        'leg.status_changed',
        'patient.out',
        'job.updated',
        'leg.status_changed',
        'patient.back',
        'request.status_changed',
      ],
      desk: ['arrival.expected', 'arrival.expected', 'leg.status_changed'],
    };
    await dispatch.waitFor((e) => e.length >= expected.dispatch.length);
    await gate.waitFor((e) => e.length >= expected.gate.length);
    await driver.waitFor((e) => e.length >= expected.driver.length);
    await desk.waitFor((e) => e.length >= expected.desk.length);
    await settle();
    expect(types(driver)).toEqual(expected.driver);
    expect(types(dispatch)).toEqual(expected.dispatch);
    expect(types(gate)).toEqual(expected.gate);
    expect(types(desk)).toEqual(expected.desk);
    for (const o of outsiders) expect(types(o)).toEqual([]);

    // Every step is in the leg's history: who, when, where.
    const detail = await api<{
      history: Array<{ from: string | null; to: string; actorId: string; lng: number | null }>;
    }>(server, 'GET', `/api/v1/legs/${outLeg}`, { token: w.dispatcher.token });
    expect(detail.body.history.map((h) => h.to)).toEqual([
      'assigned',
      'accepted',
      'en_route',
      'at_pickup',
      'on_board',
      'completed',
    ]);
    expect(detail.body.history.find((h) => h.to === 'on_board')).toMatchObject({
      actorId: w.gatekeeper.id,
      lng: at.lng,
    });
  });
});

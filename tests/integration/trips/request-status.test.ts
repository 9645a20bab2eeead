import type { LegView, RequestView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, planTheDay, type TripWorld, tripWorld } from './world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

async function statusOf(w: TripWorld, requestId: string): Promise<string | undefined> {
  const res = await api<RequestView[]>(
    server,
    'GET',
    `/api/v1/requests?date=${DAY}&districtId=${w.district.id}`,
    {
      token: w.dispatcher.token,
    },
  );
  expect(res.status).toBe(200);
  return res.body.find((r) => r.id === requestId)?.status;
}

const statusEvents = (c: TestClient, requestId: string) =>
  c.events
    .filter((e) => e.type === 'request.status_changed' && e.payload.requestId === requestId)
    .map((e) => e.payload.status);

describe('a request’s status follows its legs', () => {
  it('manual assign of both legs → planned; unassigning one → matched again; dispatch and the gate hear each change', async () => {
    const w = await tripWorld(server);
    const dispatch = await connectClient(server, w.dispatcher.token);
    const gate = await connectClient(server, w.gatekeeper.token);
    const outsider = await connectClient(server, w.otherGatekeeper.token);
    clients.push(dispatch, gate, outsider);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    expect(await statusOf(w, request.id)).toBe('matched');

    await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    // One leg still waits for a vehicle: not planned yet.
    expect(await statusOf(w, request.id)).toBe('matched');

    await ok<LegView>(server, `/api/v1/legs/${trip.return.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    expect(await statusOf(w, request.id)).toBe('planned');

    await ok<LegView>(server, `/api/v1/legs/${trip.return.id}/unassign`, w.dispatcher.token);
    expect(await statusOf(w, request.id)).toBe('matched');

    await dispatch.waitFor(() => statusEvents(dispatch, request.id).length === 2);
    await gate.waitFor(() => statusEvents(gate, request.id).length === 2);
    await settle();
    expect(statusEvents(dispatch, request.id)).toEqual(['planned', 'matched']);
    expect(statusEvents(gate, request.id)).toEqual(['planned', 'matched']);
    expect(outsider.events.filter((e) => e.type === 'request.status_changed')).toEqual([]);
  });

  it('the planner and a manual unassign use the same rule: planned after the plan, matched after unassign, planned again on re-plan', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const plan = await planTheDay(server, w);
    expect(plan.unserved).toEqual([]);
    expect(await statusOf(w, request.id)).toBe('planned');

    await ok<LegView>(server, `/api/v1/legs/${trip.outbound.id}/unassign`, w.dispatcher.token);
    expect(await statusOf(w, request.id)).toBe('matched');

    await planTheDay(server, w);
    expect(await statusOf(w, request.id)).toBe('planned');
  });

  it('cancelling the outbound leg (and with it the return) cancels the request', async () => {
    const w = await tripWorld(server);
    const cancelled = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${cancelled.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/cancel`, w.dispatcher.token, {
      reason: 'patient admitted',
    });
    expect(await statusOf(w, cancelled.id)).toBe('cancelled');
  });
});

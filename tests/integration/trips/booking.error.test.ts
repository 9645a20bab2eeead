import type { Problem, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

describe('manual assignment', () => {
  it('50 concurrent assignments of one vehicle to overlapping legs → exactly one wins, 49 × 409 naming the clash', async () => {
    const w = await tripWorld(server, { slotCapacity: 60 });
    const legIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const patient = await createPatient(w.db, w.compound.id, {
        nationalId: validNationalId(),
        gateId: w.compound.gate.id,
        regularHospitalId: w.hospital.id,
      });
      const request = await createRequest(w.db, patient.id, { date: DAY });
      legIds.push(
        (await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token)).outbound.id,
      );
    }
    const results = await Promise.all(
      legIds.map((legId) =>
        api<Problem>(server, 'POST', `/api/v1/legs/${legId}/assign`, {
          token: w.dispatcher.token,
          body: { vehicleId: w.vehicle.id },
        }),
      ),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => [r.status, r.body.code])).toEqual(Array(49).fill([409, 'booking_conflict']));
    const winner = legIds[results.indexOf(winners[0]!)]!;
    for (const loser of losers) {
      expect(loser.body.clash).toMatchObject({ on: 'vehicle', legId: winner, vehicleId: w.vehicle.id });
      const clash = loser.body.clash as { from: string; to: string; tripId: string };
      expect(new Date(clash.to).getTime()).toBeGreaterThan(new Date(clash.from).getTime());
    }
    // Nothing half-written: the losers are still planned, with no vehicle.
    const loserLeg = legIds.find((id) => id !== winner)!;
    const detail = await api<{ status: string; vehicle: unknown; history: unknown[] }>(
      server,
      'GET',
      `/api/v1/legs/${loserLeg}`,
      { token: w.dispatcher.token },
    );
    expect(detail.body).toMatchObject({ status: 'planned', vehicle: null, history: [] });
  }, 90_000);

  it('reassigning moves the job: the old driver loses it, the new one gets it; unassign returns it to planned', async () => {
    const w = await tripWorld(server);
    const { createAccount, createVehicle } = await import('../../support/factories.ts');
    const second = await createVehicle(w.db, w.district.id);
    await createAccount(w.db, 'driver', { vehicleId: second.id });
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const moved = await ok<{ vehicle: { id: string }; status: string }>(
      server,
      `/api/v1/legs/${trip.outbound.id}/assign`,
      w.dispatcher.token,
      { vehicleId: second.id },
    );
    expect(moved).toMatchObject({ status: 'assigned', vehicle: { id: second.id } });
    const mine = await api<unknown[]>(server, 'GET', '/api/v1/me/jobs', { token: w.driver.token });
    expect(mine.body).toEqual([]);
    const back = await ok<{ status: string; vehicle: unknown }>(
      server,
      `/api/v1/legs/${trip.outbound.id}/unassign`,
      w.dispatcher.token,
    );
    expect(back).toMatchObject({ status: 'planned', vehicle: null });
  });
});

describe('lifecycle guards', () => {
  it('an invalid transition → 409 naming the allowed next states; a stale version → 409 conflict', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const legId = trip.outbound.id;
    const early = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/out`, {
      token: w.gatekeeper.token,
      body: {},
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'invalid_transition',
      from: 'planned',
      to: 'on_board',
      allowed: ['assigned', 'cancelled'],
    });

    const assigned = await ok<{ version: number }>(
      server,
      `/api/v1/legs/${legId}/assign`,
      w.dispatcher.token,
      { vehicleId: w.vehicle.id },
    );
    const stale = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/accept`, {
      token: w.driver.token,
      body: { version: assigned.version - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    await clockAtLeg(server, w, legId);
    await ok(server, `/api/v1/legs/${legId}/accept`, w.driver.token, { version: assigned.version });
    const twice = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/accept`, {
      token: w.driver.token,
      body: {},
    });
    expect(twice.body).toMatchObject({
      code: 'invalid_transition',
      from: 'accepted',
      allowed: ['en_route', 'at_pickup', 'on_board', 'declined', 'planned', 'cancelled'],
    });
    const noShowTooEarly = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/no-show`, {
      token: w.driver.token,
      body: {},
    });
    expect(noShowTooEarly.body).toMatchObject({
      code: 'invalid_transition',
      from: 'accepted',
      to: 'no_show',
    });
    // A hospital cannot "arrive" a return leg, a gatekeeper cannot "back" an outbound leg: wrong party → 403.
    const wrongParty = await api<Problem>(server, 'POST', `/api/v1/legs/${legId}/back`, {
      token: w.gatekeeper.token,
      body: {},
    });
    expect(wrongParty.status).toBe(403);
  });

  it('validates bodies: half a position, unknown fields → 400 naming the field', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const half = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.outbound.id}/accept`, {
      token: w.driver.token,
      body: { lng: 121.4 },
    });
    expect(half.status).toBe(400);
    expect(half.body.issues?.[0]?.path).toContain('lng');
    const extra = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.outbound.id}/assign`, {
      token: w.dispatcher.token,
      body: { vehicleId: w.vehicle.id, seats: 3 },
    });
    expect(extra.status).toBe(400);
  });
});

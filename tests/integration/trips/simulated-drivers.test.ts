import type { LegView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../../support/calendar.ts';
import { createHospitalSlot, createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ simulateDrivers: true, simulationSpeed: 1000 });
});
afterAll(() => server.stop());

describe('simulated drivers (demo)', () => {
  it('accept, drive and report the job through the real use cases until the hospital confirms arrival', {
    timeout: 180_000,
  }, async () => {
    const w = await tripWorld(server, { shift: ['00:00', '23:59'] });
    const date = cityToday();
    // The day runs on the server's clock from 09:00 city time (tests/support/clock.ts), whatever hour
    // the test runs at; the simulation's sped-up clock runs on from there.
    const now = Date.parse(`${date}T09:00:00+08:00`);
    server.clock.set(new Date(now));
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    await createHospitalSlot(w.db, w.hospital.id, {
      weekday: day === 0 ? 7 : day,
      startTime: '00:00',
      endTime: '23:59',
    });
    const request = await createRequest(w.db, w.patient.id, {
      date,
      windowStart: new Date(now + 20 * 60_000),
      windowEnd: new Date(now + 50 * 60_000),
    });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
      pickupAt: new Date(now + 60_000).toISOString(),
      dropoffAt: new Date(now + 20 * 60_000).toISOString(),
    });
    let leg: LegView | undefined;
    // Polls the leg until the simulated day is done; the bound only ends a run that never gets there.
    for (let i = 0; i < 240 && leg?.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      leg = (
        await api<LegView>(server, 'GET', `/api/v1/legs/${trip.outbound.id}`, { token: w.dispatcher.token })
      ).body;
    }
    expect(leg?.status).toBe('completed');
    const history = (
      leg as unknown as { history: Array<{ to: string; actorId: string; lng: number | null }> }
    ).history;
    expect(history.map((h) => h.to)).toEqual([
      'assigned',
      'accepted',
      'en_route',
      'at_pickup',
      'on_board',
      'arrived',
      'completed',
    ]);
    expect(history.find((h) => h.to === 'on_board')?.actorId).toBe(w.gatekeeper.id);
    expect(history.find((h) => h.to === 'completed')?.actorId).toBe(w.hospitalDesk.id);
    expect(history.find((h) => h.to === 'at_pickup')?.lng).toBeCloseTo(w.compound.gate.lng, 5);
  });
});

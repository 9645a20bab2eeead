import { districts } from '@lastmeter/db';
import { endDisinfections } from '@lastmeter/server/domain/trips/end-disinfections.ts';
import type { LegView, TripView, Vehicle } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { clockAtLeg, DAY, ok, post, type TripWorld, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function vehicleOf(w: TripWorld): Promise<Vehicle> {
  const res = await api<Vehicle[]>(server, 'GET', `/api/v1/vehicles?districtId=${w.district.id}`, {
    token: w.dispatcher.token,
  });
  const vehicle = res.body.find((v) => v.id === w.vehicle.id);
  if (!vehicle) throw new Error('vehicle not listed');
  return vehicle;
}

/** A normal patient's outbound leg in the window from `hour`:00 to `hour`:30 on DAY, booked by hand on the world's car. */
async function bookedOutbound(w: TripWorld, hour: string): Promise<string> {
  const patient = await createPatient(w.db, w.compound.id, {
    nationalId: validNationalId(),
    gateId: w.compound.gate.id,
    regularHospitalId: w.hospital.id,
  });
  const request = await createRequest(w.db, patient.id, {
    date: DAY,
    windowStart: new Date(`${DAY}T${hour}:00:00+08:00`),
    windowEnd: new Date(`${DAY}T${hour}:30:00+08:00`),
    treatmentMinutes: 60,
  });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
    vehicleId: w.vehicle.id,
  });
  return trip.outbound.id;
}

describe('一客一消杀: the district disinfects its vehicles after every passenger', () => {
  it('a normal passenger leaves the car disinfecting, and nobody boards it until the disinfection ends', async () => {
    const w = await tripWorld(server);
    const first = await bookedOutbound(w, '07');
    const second = await bookedOutbound(w, '09');
    // The district switches to 一客一消杀 after both legs were booked.
    await w.db
      .update(districts)
      .set({ disinfectAfterEveryPassenger: true })
      .where(eq(districts.id, w.district.id));

    // The driver's job card reads the policy off the leg (the web asks `leavesVehicleDirty` too).
    const jobs = await api<LegView[]>(server, 'GET', '/api/v1/me/jobs', { token: w.driver.token });
    expect(jobs.body.find((l) => l.id === first)?.compound.disinfectAfterEveryPassenger).toBe(true);

    await clockAtLeg(server, w, first);
    for (const step of ['accept', 'en-route', 'at-pickup'])
      await ok(server, `/api/v1/legs/${first}/${step}`, w.driver.token);
    await ok(server, `/api/v1/legs/${first}/out`, w.gatekeeper.token);
    // The desk confirms the arrival a while later, once the second passenger's "out" could open.
    await clockAtLeg(server, w, second, 'pickup', -25);
    await ok(server, `/api/v1/legs/${first}/arrived`, w.hospitalDesk.token);
    const vehicle = await vehicleOf(w);
    expect(vehicle.status).toBe('disinfecting');
    const until = vehicle.disinfectingUntil;
    expect(until).not.toBeNull();

    for (const step of ['accept', 'en-route', 'at-pickup'])
      await ok(server, `/api/v1/legs/${second}/${step}`, w.driver.token);
    const refused = await post<{ code: string; rule: string; opensAt: string }>(
      server,
      `/api/v1/legs/${second}/out`,
      w.gatekeeper.token,
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'step_not_open',
      rule: 'vehicle_disinfecting',
      opensAt: until,
    });

    await endDisinfections({ db: w.db, now: new Date(Date.parse(until ?? '') + 1000) });
    // Disinfected; its driver is already at the next pickup.
    expect((await vehicleOf(w)).status).toBe('on_job');
    await ok(server, `/api/v1/legs/${second}/out`, w.gatekeeper.token);
  });
});

import type { LegView, TripView, VehicleSuggestion } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const suggestionsFor = async (legId: string, token: string) =>
  api<VehicleSuggestion[]>(server, 'GET', `/api/v1/legs/${legId}/vehicle-suggestions`, { token });

describe('vehicle suggestions for manual assignment', () => {
  it('ranks the fleet by fit, names the booking or rule in the way, and writes nothing', async () => {
    const w = await tripWorld(server);
    const db = w.db;
    // A second car of the district with its driver, an ambulance (the 120 reserve is a soft rule) and a car off duty.
    const spare = await createVehicle(db, w.district.id, {
      plate: '沪A·S0001',
      shiftStart: '05:00',
      shiftEnd: '20:00',
    });
    await createAccount(db, 'driver', { vehicleId: spare.id });
    const ambulance = await createVehicle(db, w.district.id, {
      plate: '沪A·120A1',
      kind: 'ambulance_120',
      stretchers: 1,
      shiftStart: '05:00',
      shiftEnd: '20:00',
    });
    await createAccount(db, 'driver', { vehicleId: ambulance.id });
    const off = await createVehicle(db, w.district.id, { plate: '沪A·OFF01', status: 'off' });
    await createAccount(db, 'driver', { vehicleId: off.id });

    const trip = async () => {
      const patient = await createPatient(db, w.compound.id, {
        nationalId: validNationalId(),
        gateId: w.compound.gate.id,
        regularHospitalId: w.hospital.id,
      });
      const request = await createRequest(db, patient.id, { date: DAY });
      return ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    };
    const first = await trip();
    const second = await trip();
    // The district's car takes the first patient; the second at the same time would overlap it.
    await ok<LegView>(server, `/api/v1/legs/${first.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });

    const res = await suggestionsFor(second.outbound.id, w.dispatcher.token);
    expect(res.status).toBe(200);
    const byPlate = new Map(res.body.map((s) => [s.plate, s]));
    // Every vehicle of the district, none of another district's.
    expect(res.body.map((s) => s.vehicleId).sort()).toEqual(
      [w.vehicle.id, spare.id, ambulance.id, off.id].sort(),
    );
    expect(res.body[0]).toMatchObject({ vehicleId: spare.id, fit: 'fits', rule: null });
    expect(byPlate.get('沪A·120A1')).toMatchObject({ fit: 'override', rule: 'ambulance_reserve' });
    expect(byPlate.get(w.vehicle.plate)).toMatchObject({
      fit: 'blocked',
      rule: 'busy',
      clash: { legId: first.outbound.id },
    });
    expect(byPlate.get('沪A·OFF01')).toMatchObject({ fit: 'blocked', rule: 'off_duty' });
    expect(res.body.map((s) => s.fit)).toEqual(['fits', 'override', 'blocked', 'blocked']);
    for (const s of res.body) expect(Date.parse(s.etaAt)).toBeGreaterThanOrEqual(Date.parse(s.pickupAt));

    // Nothing was written: the leg still waits in the queue.
    const leg = await api<LegView>(server, 'GET', `/api/v1/legs/${second.outbound.id}`, {
      token: w.dispatcher.token,
    });
    expect(leg.body).toMatchObject({ status: 'planned', vehicle: null });

    // Only dispatch asks: the compound's gatekeeper may read the leg but not manage it; another district never sees it.
    expect((await suggestionsFor(second.outbound.id, w.gatekeeper.token)).status).toBe(403);
    expect((await suggestionsFor(second.outbound.id, w.otherGatekeeper.token)).status).toBe(404);
  }, 90_000);
});

import { legs } from '@lastmeter/db';
import type { Problem, TripView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient, createRequest, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';
import { planDay, prescribe } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const MIN = 60_000;

describe('the schedule gate keeps medicines away from close contacts and positives (issue 12)', () => {
  it('refuses a hand-booked close contact while the car carries a parcel, naming the rule; a normal patient is fine', async () => {
    const w = await tripWorld(server);
    const parcel = await prescribe(server, w, { dropoffHours: { from: '10:00', to: '11:00' } });
    const plan = await planDay(server, w);
    const [placed] = plan.deliveries.served;
    expect(placed).toMatchObject({ deliveryId: parcel.id, vehicleId: w.vehicle.id });
    // Brought home from the hospital in the same car, boarding there just before the parcel is collected.
    const pickupAt = new Date(Date.parse(placed!.pickupAt) - 3 * MIN).toISOString();
    const dropoffAt = new Date(Date.parse(placed!.dropoffAt) + 3 * MIN).toISOString();

    const book = async (infectionClass: 'close_contact' | 'normal') => {
      const patient = await createPatient(w.db, w.compound.id, {
        nationalId: validNationalId(),
        gateId: w.compound.gate.id,
        regularHospitalId: w.hospital.id,
        infectionClass,
      });
      const request = await createRequest(w.db, patient.id, {
        date: DAY,
        windowStart: new Date(Date.parse(pickupAt) - 120 * MIN),
        windowEnd: new Date(Date.parse(pickupAt) - 90 * MIN),
        treatmentMinutes: 60,
      });
      const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
      const res = await api<Problem>(server, 'POST', `/api/v1/legs/${trip.return.id}/assign`, {
        token: w.dispatcher.token,
        body: {
          vehicleId: w.vehicle.id,
          pickupAt,
          dropoffAt,
          override: { rules: ['time_window', 'travel_time', 'ride_time'], reason: '测试药品同车规则' },
        },
        headers: { 'accept-language': 'en' },
      });
      return { res, legId: trip.return.id };
    };

    const contact = await book('close_contact');
    expect(contact.res.status).toBe(409);
    expect(contact.res.body).toMatchObject({
      code: 'schedule_rule',
      rule: 'medicine_with_infection',
      soft: false,
      vehicleId: w.vehicle.id,
    });
    expect(contact.res.body.legIds).toEqual(expect.arrayContaining([contact.legId, parcel.id]));
    expect(String(contact.res.body.detail)).toContain('medicines');
    const [row] = await w.db.select().from(legs).where(eq(legs.id, contact.legId));
    expect(row).toMatchObject({ status: 'planned', vehicleId: null });

    const normal = await book('normal');
    expect(normal.res.status).toBe(200);
  });
});

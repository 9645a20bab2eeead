import type { TripView } from '@lastmeter/shared';
import { createRequest, recordConsent } from '../../support/factories.ts';
import type { TestServer } from '../../support/test-server.ts';
import { DAY, ok, type TripWorld } from '../trips/world.ts';

/**
 * A round trip on DAY with its outbound booked on the world's vehicle, for a patient with consent on
 * record: registered patients always carry it (a need cannot be stored without it); the factory's do
 * not, and a household without consent gets no notices.
 */
export async function noticeTrip(server: TestServer, w: TripWorld): Promise<TripView> {
  await recordConsent(w.db, w.patient.id);
  const request = await createRequest(w.db, w.patient.id, { date: DAY });
  const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
  await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
    vehicleId: w.vehicle.id,
  });
  return trip;
}

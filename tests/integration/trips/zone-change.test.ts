import { incidents } from '@lastmeter/db';
import { flagLegsForZoneChange } from '@lastmeter/server/domain/trips/flag-legs-for-zone-change.ts';
import type { TripView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('zone change hook', () => {
  it('flags the open legs of re-classified compounds to dispatch and tells their drivers, in the caller’s transaction', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });

    const events = await w.db.transaction((tx) =>
      flagLegsForZoneChange({ db: tx, compoundIds: [w.compound.id, w.otherCompound.id] }),
    );
    expect(events.map((e) => [e.type, e.deliveries.map((d) => d.recipient).sort()])).toEqual([
      ['job.updated', [`vehicle:${w.vehicle.id}`]],
      ['incident.opened', [`compound:${w.compound.id}`, `district:${w.district.id}`].sort()],
    ]);
    const [incident] = await w.db.select().from(incidents).where(eq(incidents.districtId, w.district.id));
    expect(incident).toMatchObject({
      kind: 'zone_change',
      detail: { compoundId: w.compound.id, legIds: [trip.outbound.id, trip.return.id] },
    });
    expect(await flagLegsForZoneChange({ db: w.db, compoundIds: [] })).toEqual([]);
  });
});

import { incidents } from '@lastmeter/db';
import { TripEvents } from '@lastmeter/server/domain/schedule/trip-events.ts';
import { flagLegsForZoneChange } from '@lastmeter/server/domain/trips/flag-legs-for-zone-change.ts';
import type { TripView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest, square } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('zone change hook', () => {
  it('flags the open legs of re-classified compounds to dispatch and tells their drivers, in the caller’s transaction', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });

    const events = await w.db.transaction(async (tx) => {
      const tripEvents = new TripEvents(tx, null, server.clock.now(), server.app.config.timeZone);
      await flagLegsForZoneChange({
        db: tx,
        compoundIds: [w.compound.id, w.otherCompound.id],
        events: tripEvents,
      });
      return tripEvents.commit();
    });
    expect(events.map((e) => [e.type, e.deliveries.map((d) => d.recipient).sort()])).toEqual([
      ['job.updated', [`vehicle:${w.vehicle.id}`]],
      ['incident.opened', [`compound:${w.compound.id}`, `district:${w.district.id}`].sort()],
    ]);
    const [incident] = await w.db.select().from(incidents).where(eq(incidents.districtId, w.district.id));
    expect(incident).toMatchObject({
      kind: 'zone_change',
      detail: { compoundId: w.compound.id, legIds: [trip.outbound.id, trip.return.id] },
    });
    const none = new TripEvents(w.db, null, server.clock.now(), server.app.config.timeZone);
    await flagLegsForZoneChange({ db: w.db, compoundIds: [], events: none });
    expect(none.drain()).toEqual([]);
  });
});

describe('a zone drawn by dispatch reaches the plan', () => {
  it('a compound turning sealed flags its open legs to dispatch and the driver, pushed live after commit', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const dispatch = await connectClient(server, w.dispatcher.token);
    const driver = await connectClient(server, w.driver.token);
    const outsider = await connectClient(server, w.otherDriver.token);
    clients.push(dispatch, driver, outsider);
    await settle();
    const seen = dispatch.events.length;
    const driverSeen = driver.events.length;

    // Both compounds of the world share this square; only `compound` has legs.
    const sealed = await api<{ compoundLevelChanges: Array<{ compoundId: string; to: string }> }>(
      server,
      'POST',
      `/api/v1/districts/${w.district.id}/zones`,
      {
        token: w.dispatcher.token,
        body: { name: '封控区 1', level: 'sealed', geometry: square(121.43, 31.17, 0.01) },
      },
    );
    expect(sealed.status).toBe(201);
    expect(sealed.body.compoundLevelChanges).toContainEqual(
      expect.objectContaining({ compoundId: w.compound.id, to: 'sealed' }),
    );

    const live = await dispatch.waitFor((e) => e.slice(seen).some((x) => x.type === 'incident.opened'));
    const types = live.slice(seen).map((e) => e.type);
    expect(types).toContain('zone.changed');
    expect(types).toContain('compound.level_changed');
    expect(types.filter((t) => t === 'incident.opened')).toHaveLength(1);
    const job = await driver.waitFor((e) => e.slice(driverSeen).some((x) => x.type === 'job.updated'));
    expect(job.slice(driverSeen).find((e) => e.type === 'job.updated')?.payload).toMatchObject({
      legId: trip.outbound.id,
      flag: 'zone_change',
    });
    const flagged = await w.db.select().from(incidents).where(eq(incidents.districtId, w.district.id));
    expect(flagged.map((i) => [i.kind, (i.detail as { compoundId: string }).compoundId])).toEqual([
      ['zone_change', w.compound.id],
    ]);

    // Lifting the seal eases the level: nothing new is flagged.
    const zoneId = (
      await api<Array<{ id: string; level: string }>>(
        server,
        'GET',
        `/api/v1/districts/${w.district.id}/zones`,
        {
          token: w.dispatcher.token,
        },
      )
    ).body.find((z) => z.level === 'sealed')?.id;
    expect(zoneId).toBeDefined();
    const ended = await api(server, 'POST', `/api/v1/zones/${zoneId}/end`, {
      token: w.dispatcher.token,
      body: {},
    });
    expect(ended.status).toBeLessThan(300);
    await settle();
    expect(await w.db.select().from(incidents).where(eq(incidents.districtId, w.district.id))).toHaveLength(
      1,
    );
    expect(outsider.events).toEqual([]);
  });
});

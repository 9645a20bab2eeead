import { legs, trips } from '@lastmeter/db';
import { startOsrmStub } from '@lastmeter/server/planner/testing/osrm-stub.ts';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createRequest } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, planTheDay, type TripWorld, tripWorld } from './world.ts';

// OSRM_URL routes the server's travel times through a routing engine (server/src/domain/travel/routed-travel.ts):
// the table over the city's gates, hospitals and bases is fetched at start, and plans made in the
// planner threads use it. The local engine here drives 12 km/h on 1.6× the straight line — far slower
// than the built-in estimate — so a plan made with it is told apart from one made without.

const routing = (url: string) => ({
  osrmUrl: url,
  maxTableSize: 4,
  refreshMs: 3_600_000,
  retryMs: 3_600_000,
  timeoutMs: 5_000,
});

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

/** A district with one request on DAY, written by a server that is then stopped: the next one starts on it. */
async function dayToPlan(): Promise<{ database: TestDatabase; world: TripWorld }> {
  const database = await createTestDatabase({ persistent: true });
  databases.push(database);
  const setup = await startTestServer({}, database);
  const world = await tripWorld(setup);
  await createRequest(world.db, world.patient.id, { date: DAY });
  await setup.close();
  return { database, world };
}

async function outboundRide(server: TestServer, world: TripWorld): Promise<number> {
  const plan = await planTheDay(server, world);
  expect(plan.unserved).toEqual([]);
  const [leg] = await server.app.db
    .select({ pickup: legs.plannedPickupAt, dropoff: legs.plannedDropoffAt })
    .from(legs)
    .innerJoin(trips, eq(trips.id, legs.tripId))
    .where(eq(legs.direction, 'outbound'));
  return (leg!.dropoff!.getTime() - leg!.pickup!.getTime()) / 60_000;
}

describe('travel times from a routing engine (OSRM_URL)', () => {
  it('plans with the engine’s table, fetched in blocks within its table size', async () => {
    const { database, world } = await dayToPlan();
    const osrm = await startOsrmStub({ maxTableSize: 4, kmh: 12 });
    const server = await startTestServer({ routing: routing(osrm.url) }, database);
    try {
      // Gates, hospital doors and entrances, bases: more than one block of 2 → several requests.
      expect(osrm.requests.length).toBeGreaterThan(1);
      const gate: [number, number] = [world.compound.gate.lng, world.compound.gate.lat];
      const door: [number, number] = [world.hospital.entranceLng, world.hospital.entranceLat];
      const routed = osrm.minutes(gate, door);
      const ride = await outboundRide(server, world);
      expect(ride).toBeGreaterThanOrEqual(routed - 0.5);
      expect(ride).toBeLessThan(routed + 15);
    } finally {
      await server.stop();
      await osrm.close();
    }
  });

  it('keeps the built-in estimate when the engine is down, and still plans', async () => {
    const { database, world } = await dayToPlan();
    const down = await startOsrmStub({ failWith: 503 });
    const osrm = await startOsrmStub({ kmh: 12 });
    const server = await startTestServer({ routing: routing(down.url) }, database);
    try {
      expect(down.requests.length).toBe(1);
      const ride = await outboundRide(server, world);
      const gate: [number, number] = [world.compound.gate.lng, world.compound.gate.lat];
      const door: [number, number] = [world.hospital.entranceLng, world.hospital.entranceLat];
      expect(ride).toBeLessThan(osrm.minutes(gate, door));
    } finally {
      await server.stop();
      await down.close();
      await osrm.close();
    }
  });
});

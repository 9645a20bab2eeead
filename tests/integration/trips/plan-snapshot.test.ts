import { randomUUID } from 'node:crypto';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { loadPlanWorld } from '@lastmeter/server/domain/schedule/plan-input.ts';
import { commitDayPlan } from '@lastmeter/server/domain/trips/plan-district-day.ts';
import { AppError } from '@lastmeter/server/errors.ts';
import { createTurfTravelModel, planDay } from '@lastmeter/server/planner/index.ts';
import type { LegView, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TIME_ZONE } from '../../support/calendar.ts';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, planTheDay, type TripWorld, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/**
 * "Plan the day" searches a snapshot outside any transaction; these tests act between the search and
 * its commit — exactly where a driver, a dispatcher or a breakdown may act while the planner runs.
 */
async function searchedPlan(w: TripWorld) {
  const now = new Date();
  const world = await loadPlanWorld(w.db, {
    districtId: w.district.id,
    date: DAY,
    now,
    timeZone: CITY_TIME_ZONE,
  });
  const plan = planDay({ input: world.input, travel: createTurfTravelModel(), seed: 1, maxIterations: 20 });
  expect(plan.routes.some((r) => r.stops.length)).toBe(true);
  const actor = await loadActor(
    w.db,
    w.dispatcher.id,
    { id: randomUUID(), expiresAt: new Date(8.64e15) },
    '::1',
  );
  if (!actor) throw new Error('no dispatcher');
  return { commit: () => commitDayPlan(w.db, { actor, world, plan, now, timeZone: CITY_TIME_ZONE }) };
}

async function refusal(commit: () => Promise<unknown>): Promise<AppError> {
  const error = await commit().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function leg(w: TripWorld, legId: string): Promise<LegView> {
  return (await api<LegView>(server, 'GET', `/api/v1/legs/${legId}`, { token: w.dispatcher.token })).body;
}

describe('plan the day against a snapshot', () => {
  it('a leg assigned by hand while the planner ran → 409 plan_outdated naming it, nothing written; planning again works', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const { commit } = await searchedPlan(w);

    await ok(server, `/api/v1/legs/${trip.outbound.id}/assign`, w.dispatcher.token, {
      vehicleId: w.vehicle.id,
    });
    const error = await refusal(commit);
    expect(error.code).toBe('plan_outdated');
    expect(error.status).toBe(409);
    expect(error.extra.changed).toEqual({ legIds: [trip.outbound.id], vehicleIds: [] });
    // Nothing of the plan was written: the return leg still waits, with no vehicle.
    expect(await leg(w, trip.return.id)).toMatchObject({ status: 'planned', vehicle: null });

    const again = await planTheDay(server, w);
    expect(again.unserved).toEqual([]);
    expect((await leg(w, trip.return.id)).vehicle?.id).toBe(w.vehicle.id);
  });

  it('a vehicle that broke down while the planner ran → 409 plan_outdated naming the vehicle', async () => {
    const w = await tripWorld(server);
    const request = await createRequest(w.db, w.patient.id, { date: DAY });
    const trip = await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    const { commit } = await searchedPlan(w);

    await ok(server, `/api/v1/vehicles/${w.vehicle.id}/breakdown`, w.dispatcher.token, { note: 'engine' });
    const error = await refusal(commit);
    expect(error.code).toBe('plan_outdated');
    expect(error.extra.changed).toEqual({ legIds: [], vehicleIds: [w.vehicle.id] });
    expect(await leg(w, trip.outbound.id)).toMatchObject({ status: 'planned', vehicle: null });
  });
});

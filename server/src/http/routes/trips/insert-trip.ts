import { PlanDayResult, TripParams } from '@lastmeter/shared';
import { insertTrip } from '../../../domain/trips/insert-trip.ts';
import { defineRoute } from '../../route.ts';

export const insertTripRoute = defineRoute({
  method: 'post',
  path: '/api/v1/trips/:tripId/insert',
  summary: 'Insert a round trip into the running plan; every existing booking stays as it is (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: TripParams,
  success: { status: 200, description: "The trip's served and unserved legs", schema: PlanDayResult },
  handler: ({ actor, app, params }) =>
    insertTrip({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      tripId: params.tripId,
    }),
});

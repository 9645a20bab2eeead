import { RequestParams, TripView } from '@lastmeter/shared';
import { createRoundTrip } from '../../../domain/trips/create-round-trip.ts';
import { defineRoute } from '../../route.ts';

export const createRoundTripRoute = defineRoute({
  method: 'post',
  path: '/api/v1/requests/:requestId/trip',
  summary:
    'Create the round trip of a request: hospital matched by the planner (reason kept), both legs at once (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: RequestParams,
  success: { status: 201, description: 'The round trip', schema: TripView },
  handler: ({ actor, app, params }) =>
    createRoundTrip({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      requestId: params.requestId,
    }),
});

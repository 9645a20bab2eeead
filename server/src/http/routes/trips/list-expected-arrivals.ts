import { DayQuery, LegView } from '@lastmeter/shared';
import { z } from 'zod';
import { listExpectedArrivals } from '../../../domain/trips/list-expected-arrivals.ts';
import { defineRoute } from '../../route.ts';

export const listExpectedArrivalsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/arrivals',
  summary: "A hospital's expected arrivals, soonest ETA first (hospital, dispatch)",
  tags: ['trips'],
  auth: 'session',
  params: z.strictObject({ hospitalId: z.uuid().meta({ description: 'The hospital' }) }),
  query: DayQuery,
  success: {
    status: 200,
    description: 'Outbound legs on their way or booked, and patients in treatment (inTreatment)',
    schema: z.array(LegView),
  },
  handler: ({ actor, app, params, query }) =>
    listExpectedArrivals({
      db: app.db,
      now: app.clock.now(),
      actor,
      hospitalId: params.hospitalId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});

import { DayQuery, ReturnPickupView } from '@lastmeter/shared';
import { z } from 'zod';
import { listReturnPickups } from '../../../domain/trips/list-return-pickups.ts';
import { defineRoute } from '../../route.ts';

export const listReturnPickupsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/return-pickups',
  summary:
    'Return pickups at a hospital’s entrance around a day, soonest first, with their drivers (hospital, dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: z.strictObject({ hospitalId: z.uuid().meta({ description: 'The hospital' }) }),
  query: DayQuery,
  success: {
    status: 200,
    description:
      'Return legs not yet picked up, of the day, the next day and the day before (a patient kept overnight)',
    schema: z.array(ReturnPickupView),
  },
  handler: ({ actor, app, params, query }) =>
    listReturnPickups({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      date: query.date,
      timeZone: app.config.timeZone,
      now: app.clock.now(),
    }),
});

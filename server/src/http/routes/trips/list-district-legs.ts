import { DistrictLegsQuery, DistrictParams, LegView } from '@lastmeter/shared';
import { z } from 'zod';
import { listDistrictLegs } from '../../../domain/trips/list-district-legs.ts';
import { defineRoute } from '../../route.ts';

export const listDistrictLegsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId/legs',
  summary: "Every leg of a district's day, declined and cancelled included (dispatch)",
  tags: ['trips'],
  auth: 'session',
  params: DistrictParams,
  query: DistrictLegsQuery,
  success: {
    status: 200,
    description: 'Legs by planned pickup, identities masked',
    schema: z.array(LegView),
  },
  handler: ({ actor, app, params, query }) =>
    listDistrictLegs({
      db: app.db,
      now: app.clock.now(),
      actor,
      districtId: params.districtId,
      date: query.date,
      statuses: query.status,
      timeZone: app.config.timeZone,
    }),
});

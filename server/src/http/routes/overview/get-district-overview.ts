import { DistrictPathParams, Overview, OverviewQuery } from '@lastmeter/shared';
import { getDistrictOverview } from '../../../domain/overview/get-district-overview.ts';
import { defineRoute } from '../../route.ts';

export const getDistrictOverviewRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId/overview',
  summary: 'Supply and demand at a glance for a district — aggregates only (gatekeepers: their compounds)',
  tags: ['overview'],
  auth: 'session',
  params: DistrictPathParams,
  query: OverviewQuery,
  success: { status: 200, description: 'The overview', schema: Overview },
  handler: ({ actor, app, params, query }) =>
    getDistrictOverview({
      db: app.db,
      now: app.clock.now(),
      actor,
      districtId: params.districtId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});

import { CompoundPathParams, Overview, OverviewQuery } from '@lastmeter/shared';
import { getCompoundOverview } from '../../../domain/overview/get-compound-overview.ts';
import { defineRoute } from '../../route.ts';

export const getCompoundOverviewRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/overview',
  summary: 'Supply and demand at a glance for one compound — aggregates only',
  tags: ['overview'],
  auth: 'session',
  params: CompoundPathParams,
  query: OverviewQuery,
  success: { status: 200, description: 'The overview', schema: Overview },
  handler: ({ actor, app, params, query }) =>
    getCompoundOverview({
      db: app.db,
      now: app.clock.now(),
      actor,
      compoundId: params.compoundId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});

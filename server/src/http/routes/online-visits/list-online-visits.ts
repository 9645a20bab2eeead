import { OnlineVisitList, OnlineVisitListQuery } from '@lastmeter/shared';
import { listOnlineVisits } from '../../../domain/online-visits/list-online-visits.ts';
import { defineRoute } from '../../route.ts';

export const listOnlineVisitsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/online-visits',
  summary:
    "A day's online visits: a hospital's (its desk), a compound's (its gatekeepers, dispatch), else the caller's scope",
  tags: ['online-visits'],
  auth: 'session',
  query: OnlineVisitListQuery,
  success: { status: 200, description: 'The visits, by time', schema: OnlineVisitList },
  handler: ({ actor, app, query }) => listOnlineVisits({ db: app.db, actor, query }),
});

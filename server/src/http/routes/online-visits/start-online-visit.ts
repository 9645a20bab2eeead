import { OnlineVisitParams, OnlineVisitView } from '@lastmeter/shared';
import { startOnlineVisit } from '../../../domain/online-visits/start-online-visit.ts';
import { defineRoute } from '../../route.ts';

export const startOnlineVisitRoute = defineRoute({
  method: 'post',
  path: '/api/v1/online-visits/:visitId/start',
  summary: 'The hospital desk starts a booked online visit, on its day (hospital)',
  tags: ['online-visits'],
  auth: 'session',
  params: OnlineVisitParams,
  success: { status: 200, description: 'The visit, in progress', schema: OnlineVisitView },
  handler: ({ actor, app, params }) =>
    startOnlineVisit({
      db: app.db,
      actor,
      visitId: params.visitId,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

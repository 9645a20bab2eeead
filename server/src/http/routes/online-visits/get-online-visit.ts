import { OnlineVisitParams, OnlineVisitView } from '@lastmeter/shared';
import { getOnlineVisit } from '../../../domain/online-visits/get-online-visit.ts';
import { defineRoute } from '../../route.ts';

export const getOnlineVisitRoute = defineRoute({
  method: 'get',
  path: '/api/v1/online-visits/:visitId',
  summary: 'One online visit: the card the gatekeeper passes on, the desk’s record',
  tags: ['online-visits'],
  auth: 'session',
  params: OnlineVisitParams,
  success: { status: 200, description: 'The visit', schema: OnlineVisitView },
  handler: ({ actor, app, params }) => getOnlineVisit({ db: app.db, actor, visitId: params.visitId }),
});

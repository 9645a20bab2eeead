import { BookOnlineVisitBody, OnlineVisitView, RequestParams } from '@lastmeter/shared';
import { bookOnlineVisit } from '../../../domain/online-visits/book-online-visit.ts';
import { defineRoute } from '../../route.ts';

export const bookOnlineVisitRoute = defineRoute({
  method: 'post',
  path: '/api/v1/requests/:requestId/online-visit',
  summary:
    "Serve a request by an online visit: matched to a hospital's online slot (regular hospital first), with a time and a join link (the compound's gatekeeper, the district's dispatcher, admin)",
  tags: ['requests', 'online-visits'],
  auth: 'session',
  params: RequestParams,
  body: BookOnlineVisitBody,
  success: { status: 201, description: 'The booked visit', schema: OnlineVisitView },
  handler: ({ actor, app, params, body }) =>
    bookOnlineVisit({
      db: app.db,
      actor,
      requestId: params.requestId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

import {
  CancelOnlineVisitBody,
  OnlineVisitParams,
  OnlineVisitView,
  RescheduleOnlineVisitBody,
} from '@lastmeter/shared';
import { cancelOnlineVisit } from '../../../domain/online-visits/cancel-online-visit.ts';
import { rescheduleOnlineVisit } from '../../../domain/online-visits/reschedule-online-visit.ts';
import { defineRoute } from '../../route.ts';

export const rescheduleOnlineVisitRoute = defineRoute({
  method: 'post',
  path: '/api/v1/online-visits/:visitId/reschedule',
  summary:
    "Move a booked online visit to the first free place from the time asked, in the same hospital's online slot; the family is told (the compound's gatekeeper, the district's dispatcher, the hospital desk, admin)",
  tags: ['online-visits'],
  auth: 'session',
  params: OnlineVisitParams,
  body: RescheduleOnlineVisitBody,
  success: { status: 200, description: 'The visit at its new time', schema: OnlineVisitView },
  handler: ({ actor, app, params, body }) =>
    rescheduleOnlineVisit({
      db: app.db,
      actor,
      visitId: params.visitId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

export const cancelOnlineVisitRoute = defineRoute({
  method: 'post',
  path: '/api/v1/online-visits/:visitId/cancel',
  summary:
    'Cancel a booked online visit: its place is free again, the request is left unserved to book again or serve another way; the family is told (the compound’s gatekeeper, the district’s dispatcher, the hospital desk, admin)',
  tags: ['online-visits'],
  auth: 'session',
  params: OnlineVisitParams,
  body: CancelOnlineVisitBody,
  success: { status: 200, description: 'The cancelled visit', schema: OnlineVisitView },
  handler: ({ actor, app, params, body }) =>
    cancelOnlineVisit({ db: app.db, actor, visitId: params.visitId, input: body, now: app.clock.now() }),
});

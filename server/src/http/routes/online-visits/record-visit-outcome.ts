import { OnlineVisitParams, OnlineVisitView, RecordVisitOutcomeBody } from '@lastmeter/shared';
import { recordVisitOutcome } from '../../../domain/online-visits/record-visit-outcome.ts';
import { defineRoute } from '../../route.ts';

export const recordVisitOutcomeRoute = defineRoute({
  method: 'post',
  path: '/api/v1/online-visits/:visitId/outcome',
  summary:
    'The hospital desk ends a started online visit: done, no answer, or needs an on-site visit (raises a trip request) (hospital)',
  tags: ['online-visits'],
  auth: 'session',
  params: OnlineVisitParams,
  body: RecordVisitOutcomeBody,
  success: { status: 200, description: 'The ended visit', schema: OnlineVisitView },
  handler: ({ actor, app, params, body }) =>
    recordVisitOutcome({
      db: app.db,
      actor,
      visitId: params.visitId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

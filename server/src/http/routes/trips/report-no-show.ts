import { LegParams, LegStepBody, LegView } from '@lastmeter/shared';
import { reportNoShow } from '../../../domain/trips/report-no-show.ts';
import { defineRoute } from '../../route.ts';

export const reportNoShowRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/no-show',
  summary:
    'Driver reports the patient did not come to the pickup; the return is cancelled, dispatch follows up (driver)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: LegStepBody,
  success: { status: 200, description: 'The leg', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    reportNoShow({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

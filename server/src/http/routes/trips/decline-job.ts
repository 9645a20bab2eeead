import { DeclineBody, LegParams, LegView } from '@lastmeter/shared';
import { declineJob } from '../../../domain/trips/decline-job.ts';
import { defineRoute } from '../../route.ts';

export const declineJobRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/decline',
  summary: 'Driver declines a job; the planner re-inserts the leg on another vehicle if one fits (driver)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: DeclineBody,
  success: { status: 200, description: 'The leg after re-planning', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    declineJob({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

import { LegParams, LegStepBody, LegView } from '@lastmeter/shared';
import { unassignLeg } from '../../../domain/trips/unassign-leg.ts';
import { defineRoute } from '../../route.ts';

export const unassignLegRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/unassign',
  summary: 'Take a leg off its vehicle, back to planned (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: LegStepBody,
  success: { status: 200, description: 'The unassigned leg', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    unassignLeg({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

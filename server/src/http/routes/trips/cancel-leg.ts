import { CancelLegBody, LegParams, LegView } from '@lastmeter/shared';
import { cancelLeg } from '../../../domain/trips/cancel-leg.ts';
import { defineRoute } from '../../route.ts';

export const cancelLegRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/cancel',
  summary: 'Cancel a leg; cancelling the outbound leg cancels its return too (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: CancelLegBody,
  success: { status: 200, description: 'The cancelled leg', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    cancelLeg({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

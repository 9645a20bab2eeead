import { AssignLegBody, LegParams, LegView } from '@lastmeter/shared';
import { assignLeg } from '../../../domain/trips/assign-leg.ts';
import { defineRoute } from '../../route.ts';

export const assignLegRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/assign',
  summary:
    'Assign or reassign a leg to a vehicle by hand; an overlapping booking → 409 naming the clash (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: AssignLegBody,
  success: { status: 200, description: 'The booked leg', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    assignLeg({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

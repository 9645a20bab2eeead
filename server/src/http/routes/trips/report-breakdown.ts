import { BreakdownBody, BreakdownResult, VehicleParams } from '@lastmeter/shared';
import { reportBreakdown } from '../../../domain/trips/report-breakdown.ts';
import { defineRoute } from '../../route.ts';

export const reportBreakdownRoute = defineRoute({
  method: 'post',
  path: '/api/v1/vehicles/:vehicleId/breakdown',
  summary:
    'A vehicle broke down: off duty, its legs re-planned, an incident for dispatch (its driver, dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: VehicleParams,
  body: BreakdownBody,
  success: { status: 200, description: 'What moved and the incident', schema: BreakdownResult },
  handler: ({ actor, app, params, body }) =>
    reportBreakdown({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      vehicleId: params.vehicleId,
      input: body,
    }),
});

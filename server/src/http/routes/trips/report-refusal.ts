import { IncidentView, LegParams, RefusalBody } from '@lastmeter/shared';
import { reportRefusal } from '../../../domain/trips/report-refusal.ts';
import { defineRoute } from '../../route.ts';

export const reportRefusalRoute = defineRoute({
  method: 'post',
  path: '/api/v1/legs/:legId/refused-at-gate',
  summary: 'Driver reports refusal at the hospital gate; opens an incident dispatch must resolve (driver)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  body: RefusalBody,
  success: { status: 201, description: 'The incident', schema: IncidentView },
  handler: ({ actor, app, params, body }) =>
    reportRefusal({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      legId: params.legId,
      input: body,
    }),
});

import { IncidentParams, IncidentView, ResolveIncidentBody } from '@lastmeter/shared';
import { resolveIncident } from '../../../domain/trips/resolve-incident.ts';
import { defineRoute } from '../../route.ts';

export const resolveIncidentRoute = defineRoute({
  method: 'post',
  path: '/api/v1/incidents/:incidentId/resolve',
  summary:
    'Resolve an incident; for a refusal at a hospital gate, resume (same or other hospital) or cancel the leg (dispatch)',
  tags: ['trips'],
  auth: 'session',
  params: IncidentParams,
  body: ResolveIncidentBody,
  success: { status: 200, description: 'The resolved incident', schema: IncidentView },
  handler: ({ actor, app, params, body }) =>
    resolveIncident({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      incidentId: params.incidentId,
      input: body,
    }),
});

import { IncidentQuery, IncidentView } from '@lastmeter/shared';
import { z } from 'zod';
import { listIncidents } from '../../../domain/trips/list-incidents.ts';
import { defineRoute } from '../../route.ts';

export const listIncidentsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/incidents',
  summary: 'Incidents of the dispatcher’s districts, newest first (dispatch)',
  tags: ['trips'],
  auth: 'session',
  query: IncidentQuery,
  success: { status: 200, description: 'Incidents', schema: z.array(IncidentView) },
  handler: ({ actor, app, query }) => listIncidents({ db: app.db, actor, query }),
});

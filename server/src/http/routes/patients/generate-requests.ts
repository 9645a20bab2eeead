import { GenerateRequestsBody, GenerateRequestsResult } from '@lastmeter/shared';
import { generateDailyRequests } from '../../../domain/requests/generate-daily-requests.ts';
import { defineRoute } from '../../route.ts';

export const generateRequestsRoute = defineRoute({
  method: 'post',
  path: '/api/v1/requests/generate',
  summary:
    "Create a day's requests from the care needs' schedules; idempotent (dispatcher for a district, gatekeeper for a compound, admin)",
  tags: ['requests'],
  auth: 'session',
  body: GenerateRequestsBody,
  success: { status: 200, description: 'How many were created and exist', schema: GenerateRequestsResult },
  handler: ({ actor, app, body }) =>
    generateDailyRequests({
      db: app.db,
      actor,
      districtId: body.districtId,
      compoundId: body.compoundId,
      date: body.date,
      timeZone: app.config.timeZone,
    }),
});

import { ComplaintPathParams, ComplaintView, ResolveComplaintBody } from '@lastmeter/shared';
import { resolveComplaint } from '../../../domain/complaints/resolve-complaint.ts';
import { defineRoute } from '../../route.ts';

export const resolveComplaintRoute = defineRoute({
  method: 'post',
  path: '/api/v1/complaints/:complaintId/resolve',
  summary: "Record a complaint's outcome (dispatch; a refusal is resolved through its incident)",
  tags: ['complaints'],
  auth: 'session',
  params: ComplaintPathParams,
  body: ResolveComplaintBody,
  success: { status: 200, description: 'Resolved', schema: ComplaintView },
  handler: ({ actor, app, params, body }) =>
    resolveComplaint({
      db: app.db,
      actor,
      complaintId: params.complaintId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

import { ComplaintView, CreateComplaintBody, DistrictPathParams } from '@lastmeter/shared';
import { createComplaint } from '../../../domain/complaints/create-complaint.ts';
import { defineRoute } from '../../route.ts';

export const createComplaintRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts/:districtId/complaints',
  summary: "Record a complaint about a hospital for the district (the district's dispatcher, admin)",
  tags: ['complaints'],
  auth: 'session',
  params: DistrictPathParams,
  body: CreateComplaintBody,
  success: { status: 201, description: 'Recorded', schema: ComplaintView },
  handler: ({ actor, app, params, body }) =>
    createComplaint({
      db: app.db,
      actor,
      districtId: params.districtId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});

import { ComplaintQuery, ComplaintReport } from '@lastmeter/shared';
import { getComplaintReport } from '../../../domain/complaints/get-complaint-report.ts';
import { defineRoute } from '../../route.ts';

export const complaintReportRoute = defineRoute({
  method: 'get',
  path: '/api/v1/complaints/report',
  summary: 'Complaints and refusals by hospital and day, with every record and its outcome (dispatch, admin)',
  tags: ['complaints'],
  auth: 'session',
  query: ComplaintQuery,
  success: { status: 200, description: 'The report', schema: ComplaintReport },
  handler: ({ actor, app, query }) =>
    getComplaintReport({ db: app.db, actor, query, now: app.clock.now(), timeZone: app.config.timeZone }),
});

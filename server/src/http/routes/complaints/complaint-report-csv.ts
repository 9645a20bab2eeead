import { ComplaintQuery } from '@lastmeter/shared';
import { complaintsCsv } from '../../../domain/complaints/complaints-csv.ts';
import { getComplaintReport } from '../../../domain/complaints/get-complaint-report.ts';
import { defineRoute } from '../../route.ts';

export const complaintReportCsvRoute = defineRoute({
  method: 'get',
  path: '/api/v1/complaints/report.csv',
  summary: 'The same report as CSV for the health commission (UTF-8 with BOM; dispatch, admin)',
  tags: ['complaints'],
  auth: 'session',
  query: ComplaintQuery,
  success: { status: 200, description: 'CSV, one line per complaint', contentType: 'text/csv' },
  async handler({ actor, app, query, locale, res }) {
    const report = await getComplaintReport({
      db: app.db,
      actor,
      query,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    });
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="complaints-${report.from}-${report.to}.csv"`)
      .set('Cache-Control', 'private, no-store')
      .send(complaintsCsv(report, locale, app.config.timeZone));
  },
});

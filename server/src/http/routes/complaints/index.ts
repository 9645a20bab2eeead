import type { AnyRoute } from '../../route.ts';
import { complaintReportRoute } from './complaint-report.ts';
import { complaintReportCsvRoute } from './complaint-report-csv.ts';
import { createComplaintRoute } from './create-complaint.ts';
import { resolveComplaintRoute } from './resolve-complaint.ts';

/** Complaints and their report. */
export const complaintRoutes: AnyRoute[] = [
  createComplaintRoute,
  resolveComplaintRoute,
  complaintReportRoute,
  complaintReportCsvRoute,
];

import type { AnyRoute } from '../../route.ts';
import { complaintReportRoute } from '../complaints/complaint-report.ts';
import { complaintReportCsvRoute } from '../complaints/complaint-report-csv.ts';
import { createComplaintRoute } from '../complaints/create-complaint.ts';
import { resolveComplaintRoute } from '../complaints/resolve-complaint.ts';
import { getNoticeSettingsRoute } from '../notices/get-notice-settings.ts';
import { listNoticesRoute } from '../notices/list-notices.ts';
import { updateNoticeSettingsRoute } from '../notices/update-notice-settings.ts';
import { crowdingBoardRoute, crowdingGeoJsonRoute } from '../public/crowding.ts';
import { createTrackingLinkRoute } from '../tracking/create-tracking-link.ts';
import { getTrackingLinkRoute } from '../tracking/get-tracking-link.ts';
import { trackingLinkQrRoute } from '../tracking/tracking-link-qr.ts';
import { viewTrackedTripRoute } from '../tracking/view-tracked-trip.ts';

/** The people at home and the public: crowding board, complaints, tracking links, notices. */
export const peopleRoutes: AnyRoute[] = [
  crowdingBoardRoute,
  crowdingGeoJsonRoute,
  createComplaintRoute,
  resolveComplaintRoute,
  complaintReportRoute,
  complaintReportCsvRoute,
  createTrackingLinkRoute,
  getTrackingLinkRoute,
  trackingLinkQrRoute,
  viewTrackedTripRoute,
  listNoticesRoute,
  getNoticeSettingsRoute,
  updateNoticeSettingsRoute,
];

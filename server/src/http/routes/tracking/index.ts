import type { AnyRoute } from '../../route.ts';
import { createTrackingLinkRoute } from './create-tracking-link.ts';
import { getTrackingLinkRoute } from './get-tracking-link.ts';
import { trackingLinkQrRoute } from './tracking-link-qr.ts';
import { viewTrackedTripRoute } from './view-tracked-trip.ts';

/** Tracking links: a family follows a patient's trip. */
export const trackingRoutes: AnyRoute[] = [
  createTrackingLinkRoute,
  getTrackingLinkRoute,
  trackingLinkQrRoute,
  viewTrackedTripRoute,
];

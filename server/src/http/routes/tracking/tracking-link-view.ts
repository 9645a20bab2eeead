import type { TrackingLinkView } from '@lastmeter/shared';
import type { Request } from 'express';
import type { Config } from '../../../config.ts';
import type { TrackingLink } from '../../../domain/tracking/get-tracking-link.ts';
import { publicLink } from '../../public-url.ts';

/** The link as the gatekeeper hands it on: absolute (PUBLIC_URL), with its QR image beside it. */
export function presentTrackingLink(config: Config, req: Request, link: TrackingLink): TrackingLinkView {
  return {
    tripId: link.tripId,
    url: publicLink(config, req, link.path),
    qrUrl: `/api/v1/trips/${link.tripId}/tracking-link/qr.png`,
    views: link.views,
    lastViewedAt: link.lastViewedAt,
    expired: link.expired,
  };
}

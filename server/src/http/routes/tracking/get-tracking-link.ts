import { TrackingLinkView, TripPathParams } from '@lastmeter/shared';
import { getTrackingLink } from '../../../domain/tracking/get-tracking-link.ts';
import { defineRoute } from '../../route.ts';
import { presentTrackingLink } from './tracking-link-view.ts';

export const getTrackingLinkRoute = defineRoute({
  method: 'get',
  path: '/api/v1/trips/:tripId/tracking-link',
  summary: "The round trip's tracking link, its view count and whether it expired (404 until made)",
  tags: ['tracking'],
  auth: 'session',
  params: TripPathParams,
  success: { status: 200, description: 'The link', schema: TrackingLinkView },
  handler: async ({ actor, app, params, req }) =>
    presentTrackingLink(
      app.config,
      req,
      await getTrackingLink({ db: app.db, actor, tripId: params.tripId, create: false }),
    ),
});

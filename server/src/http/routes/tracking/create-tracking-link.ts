import { TrackingLinkView, TripPathParams } from '@lastmeter/shared';
import { getTrackingLink } from '../../../domain/tracking/get-tracking-link.ts';
import { defineRoute } from '../../route.ts';
import { presentTrackingLink } from './tracking-link-view.ts';

export const createTrackingLinkRoute = defineRoute({
  method: 'post',
  path: '/api/v1/trips/:tripId/tracking-link',
  summary:
    "Make (or return) the round trip's tracking link for the family (the compound's gatekeeper, dispatch)",
  tags: ['tracking'],
  auth: 'session',
  params: TripPathParams,
  success: { status: 200, description: 'The link', schema: TrackingLinkView },
  handler: async ({ actor, app, params, req }) =>
    presentTrackingLink(
      app.config,
      req,
      await getTrackingLink({ db: app.db, actor, tripId: params.tripId, create: true }),
    ),
});

import { TrackingTokenParams, TrackView } from '@lastmeter/shared';
import { z } from 'zod';
import { viewTrackedTrip } from '../../../domain/tracking/view-tracked-trip.ts';
import { clientIp } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';

const TrackQuery = z.strictObject({
  refresh: z.enum(['0', '1']).optional().meta({
    description:
      '`1` for the page polling a view it already opened: not a new view while the link is being read (a read of a link nobody read for 5 min counts all the same)',
  }),
});

export const viewTrackedTripRoute = defineRoute({
  method: 'get',
  path: '/api/v1/track/:token',
  summary:
    'Public: the family follows a round trip (masked name, times, gate, hospital, vehicle and its live position); 404 once it ended (90/min per IP)',
  tags: ['tracking', 'public'],
  auth: 'public',
  params: TrackingTokenParams,
  query: TrackQuery,
  success: { status: 200, description: 'The trip', schema: TrackView },
  async handler({ app, params, query, req, res }) {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    return viewTrackedTrip({
      db: app.db,
      limits: app.limits,
      token: params.token,
      ip: clientIp(req),
      refresh: query.refresh === '1',
    });
  },
});

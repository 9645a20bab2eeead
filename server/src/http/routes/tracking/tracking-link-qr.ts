import { TripPathParams } from '@lastmeter/shared';
import { renderSelfRegistrationQr as renderQr } from '../../../domain/self-registration/render-self-registration-qr.ts';
import { getTrackingLink } from '../../../domain/tracking/get-tracking-link.ts';
import { publicLink } from '../../public-url.ts';
import { defineRoute } from '../../route.ts';

export const trackingLinkQrRoute = defineRoute({
  method: 'get',
  path: '/api/v1/trips/:tripId/tracking-link/qr.png',
  summary: 'QR code (PNG) of the tracking link, for the family to scan at the gate',
  tags: ['tracking'],
  auth: 'session',
  params: TripPathParams,
  success: { status: 200, description: 'PNG image', contentType: 'image/png' },
  async handler({ actor, app, params, req, res }) {
    const link = await getTrackingLink({ db: app.db, actor, tripId: params.tripId, create: false });
    const png = await renderQr(publicLink(app.config, req, link.path));
    res.status(200).type('image/png').set('Cache-Control', 'private, max-age=300').send(png);
  },
});

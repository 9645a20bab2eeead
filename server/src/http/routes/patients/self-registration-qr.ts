import { getSelfRegistrationLink } from '../../../domain/self-registration/get-self-registration-link.ts';
import { renderSelfRegistrationQr } from '../../../domain/self-registration/render-self-registration-qr.ts';
import { publicLink } from '../../public-url.ts';
import { defineRoute } from '../../route.ts';
import { CompoundParams } from './params.ts';

export const selfRegistrationQrRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/self-registration/qr.png',
  summary:
    "QR code (PNG) of the compound's self-registration link, to print at the gate (the compound's gatekeeper, admin)",
  tags: ['self-registration'],
  auth: 'session',
  params: CompoundParams,
  success: { status: 200, description: 'PNG image', contentType: 'image/png' },
  async handler({ actor, app, params, req, res }) {
    const { path } = await getSelfRegistrationLink({ db: app.db, actor, compoundId: params.compoundId });
    const png = await renderSelfRegistrationQr(publicLink(app.config, req, path));
    res.status(200).type('image/png').set('Cache-Control', 'private, max-age=300').send(png);
  },
});

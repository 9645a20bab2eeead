import { SelfRegistrationLink } from '@lastmeter/shared';
import { getSelfRegistrationLink } from '../../../domain/self-registration/get-self-registration-link.ts';
import { publicLink } from '../../public-url.ts';
import { defineRoute } from '../../route.ts';
import { CompoundParams } from './params.ts';

export const selfRegistrationLinkRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/self-registration',
  summary: "The compound's public self-registration link (the compound's gatekeeper, admin)",
  tags: ['self-registration'],
  auth: 'session',
  params: CompoundParams,
  success: { status: 200, description: 'The link', schema: SelfRegistrationLink },
  async handler({ actor, app, params, req }) {
    const { path } = await getSelfRegistrationLink({ db: app.db, actor, compoundId: params.compoundId });
    return { path, url: publicLink(app.config, req, path) };
  },
});

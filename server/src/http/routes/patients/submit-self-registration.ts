import { SelfRegistrationBody, SelfRegistrationReceipt } from '@lastmeter/shared';
import { submitSelfRegistration } from '../../../domain/self-registration/submit-self-registration.ts';
import { clientIp } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';
import { TokenParams } from './params.ts';

export const submitSelfRegistrationRoute = defineRoute({
  method: 'post',
  path: '/api/v1/self-registration/:token',
  summary:
    'Public: a resident or family registers; waits as pending until the gatekeeper verifies (5 per 10 min per IP)',
  tags: ['self-registration'],
  auth: 'public',
  params: TokenParams,
  body: SelfRegistrationBody,
  success: { status: 202, description: 'Received, pending verification', schema: SelfRegistrationReceipt },
  handler: ({ app, params, body, req, locale }) =>
    submitSelfRegistration({
      db: app.db,
      limits: app.limits,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      token: params.token,
      input: body,
      ip: clientIp(req),
      locale,
    }),
});

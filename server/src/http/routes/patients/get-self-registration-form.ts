import { SelfRegistrationInfo } from '@lastmeter/shared';
import { getSelfRegistrationForm } from '../../../domain/self-registration/get-self-registration-form.ts';
import { defineRoute } from '../../route.ts';
import { TokenParams } from './params.ts';

export const getSelfRegistrationFormRoute = defineRoute({
  method: 'get',
  path: '/api/v1/self-registration/:token',
  summary: 'Public: the compound name behind a self-registration link',
  tags: ['self-registration'],
  auth: 'public',
  params: TokenParams,
  success: { status: 200, description: 'The compound name', schema: SelfRegistrationInfo },
  handler: ({ app, params }) => getSelfRegistrationForm({ db: app.db, token: params.token }),
});

import { AccountPathParams, AccountView, ResetPasswordBody } from '@lastmeter/shared';
import { resetPassword } from '../../../domain/accounts/reset-password.ts';
import { defineRoute } from '../../route.ts';

export const resetPasswordRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:accountId/reset-password',
  summary: 'Set a temporary password; the person must choose a new one at next sign-in; their sessions end',
  tags: ['accounts'],
  auth: 'session',
  params: AccountPathParams,
  body: ResetPasswordBody,
  success: { status: 200, description: 'Reset', schema: AccountView },
  async handler({ actor, app, params, body }) {
    const { account, revoked } = await resetPassword({
      db: app.db,
      actor,
      accountId: params.accountId,
      input: body,
    });
    for (const sessionId of revoked) app.disconnectSession(sessionId);
    return account;
  },
});

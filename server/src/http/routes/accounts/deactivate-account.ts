import { AccountPathParams, AccountView } from '@lastmeter/shared';
import { setAccountActive } from '../../../domain/accounts/set-account-active.ts';
import { defineRoute } from '../../route.ts';

export const deactivateAccountRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:accountId/deactivate',
  summary: 'Deactivate an account: it can no longer sign in; its sessions and sockets end at once',
  tags: ['accounts'],
  auth: 'session',
  params: AccountPathParams,
  success: { status: 200, description: 'Deactivated', schema: AccountView },
  async handler({ actor, app, params }) {
    const { account, revoked } = await setAccountActive({
      db: app.db,
      actor,
      accountId: params.accountId,
      active: false,
    });
    for (const sessionId of revoked) app.disconnectSession(sessionId);
    return account;
  },
});

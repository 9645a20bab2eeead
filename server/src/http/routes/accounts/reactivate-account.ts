import { AccountPathParams, AccountView } from '@lastmeter/shared';
import { setAccountActive } from '../../../domain/accounts/set-account-active.ts';
import { defineRoute } from '../../route.ts';

export const reactivateAccountRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:accountId/reactivate',
  summary: 'Reactivate a deactivated account',
  tags: ['accounts'],
  auth: 'session',
  params: AccountPathParams,
  success: { status: 200, description: 'Reactivated', schema: AccountView },
  async handler({ actor, app, params }) {
    const { account } = await setAccountActive({
      db: app.db,
      actor,
      accountId: params.accountId,
      active: true,
    });
    return account;
  },
});

import { AccountPathParams, AccountView } from '@lastmeter/shared';
import { getAccount } from '../../../domain/accounts/get-account.ts';
import { defineRoute } from '../../route.ts';

export const getAccountRoute = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/:accountId',
  summary: 'One staff account with its scope (404 outside yours)',
  tags: ['accounts'],
  auth: 'session',
  params: AccountPathParams,
  success: { status: 200, description: 'The account', schema: AccountView },
  handler: ({ actor, app, params }) => getAccount({ db: app.db, actor, accountId: params.accountId }),
});

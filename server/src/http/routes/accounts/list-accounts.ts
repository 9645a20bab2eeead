import { AccountList, AccountListQuery } from '@lastmeter/shared';
import { listAccounts } from '../../../domain/accounts/list-accounts.ts';
import { defineRoute } from '../../route.ts';

export const listAccountsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/accounts',
  summary: 'Staff accounts you manage (admin: all; dispatcher: the drivers of their districts), filtered',
  tags: ['accounts'],
  auth: 'session',
  query: AccountListQuery,
  success: { status: 200, description: 'The accounts', schema: AccountList },
  handler: ({ actor, app, query }) => listAccounts({ db: app.db, actor, query }),
});

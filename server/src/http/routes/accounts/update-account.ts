import { AccountPathParams, AccountView, UpdateAccountBody } from '@lastmeter/shared';
import { updateAccount } from '../../../domain/accounts/update-account.ts';
import { defineRoute } from '../../route.ts';

export const updateAccountRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/accounts/:accountId',
  summary:
    "Edit an account's name, phone, language or scope; a narrower scope applies to its open sessions at once",
  tags: ['accounts'],
  auth: 'session',
  params: AccountPathParams,
  body: UpdateAccountBody,
  success: { status: 200, description: 'Updated', schema: AccountView },
  handler: ({ actor, app, params, body }) =>
    updateAccount({ db: app.db, actor, accountId: params.accountId, input: body }),
});

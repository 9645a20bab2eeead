import { AccountView, CreateAccountBody } from '@lastmeter/shared';
import { createAccount } from '../../../domain/accounts/create-account.ts';
import { defineRoute } from '../../route.ts';

export const createAccountRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts',
  summary: 'Create a staff account with its scope; its first password must be changed at first sign-in',
  tags: ['accounts'],
  auth: 'session',
  body: CreateAccountBody,
  success: { status: 201, description: 'Created', schema: AccountView },
  handler: ({ actor, app, body }) => createAccount({ db: app.db, actor, input: body }),
});

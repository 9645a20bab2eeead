import type { AnyRoute } from '../../route.ts';
import { changePasswordRoute } from './change-password.ts';
import { createAccountRoute } from './create-account.ts';
import { deactivateAccountRoute } from './deactivate-account.ts';
import { getAccountRoute } from './get-account.ts';
import { listAccountsRoute } from './list-accounts.ts';
import { reactivateAccountRoute } from './reactivate-account.ts';
import { resetPasswordRoute } from './reset-password.ts';
import { updateAccountRoute } from './update-account.ts';

export const accountRoutes: AnyRoute[] = [
  changePasswordRoute,
  listAccountsRoute,
  createAccountRoute,
  getAccountRoute,
  updateAccountRoute,
  deactivateAccountRoute,
  reactivateAccountRoute,
  resetPasswordRoute,
];

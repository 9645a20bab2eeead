import type { AnyRoute } from '../../route.ts';
import { changePasswordRoute } from '../accounts/change-password.ts';
import { createAccountRoute } from '../accounts/create-account.ts';
import { deactivateAccountRoute } from '../accounts/deactivate-account.ts';
import { getAccountRoute } from '../accounts/get-account.ts';
import { listAccountsRoute } from '../accounts/list-accounts.ts';
import { reactivateAccountRoute } from '../accounts/reactivate-account.ts';
import { resetPasswordRoute } from '../accounts/reset-password.ts';
import { updateAccountRoute } from '../accounts/update-account.ts';

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

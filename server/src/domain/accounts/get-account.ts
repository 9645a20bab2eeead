import type { AccountView } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { loadAccountFor } from './load-account.ts';
import { presentAccount } from './present-account.ts';

export async function getAccount(use: Acting & { accountId: string }): Promise<AccountView> {
  const { db, actor, accountId } = use;
  return presentAccount(await loadAccountFor(db, actor, accountId, 'read'));
}

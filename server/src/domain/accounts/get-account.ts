import type { Db } from '@lastmeter/db';
import type { AccountView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadAccountFor } from './load-account.ts';
import { presentAccount } from './present-account.ts';

export async function getAccount({
  db,
  actor,
  accountId,
}: {
  db: Db;
  actor: Actor;
  accountId: string;
}): Promise<AccountView> {
  return presentAccount(await loadAccountFor(db, actor, accountId, 'read'));
}

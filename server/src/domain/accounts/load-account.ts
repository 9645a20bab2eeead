import { accounts, type Db } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import type { Action } from '../policies.ts';
import { type AccountRecord, readAccounts } from './read-accounts.ts';

/**
 * The account if the actor may see it (else 404, so an id outside their scope reveals nothing), then
 * the policy's answer for `action` (403).
 */
export async function loadAccountFor(
  db: Db,
  actor: Actor,
  accountId: string,
  action: Action,
): Promise<AccountRecord> {
  const [account] = await readAccounts(db, eq(accounts.id, accountId));
  return authorizeRecord(
    db,
    actor,
    { name: 'Account', id: accountId, row: account, seen: accountResource, action },
    { entity: 'account' },
  );
}

export const accountResource = (account: Pick<AccountRecord, 'role' | 'homeDistrictIds'>) =>
  ({ kind: 'account', role: account.role, districtIds: account.homeDistrictIds }) as const;

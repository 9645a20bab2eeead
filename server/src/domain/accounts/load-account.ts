import { accounts, type Db } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';
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
  const resource = account && accountResource(account);
  if (!account || !resource || !can(actor, 'read', resource)) throw errors.notFound('Account');
  await authorize(db, actor, action, resource, { entity: 'account', entityId: accountId });
  return account;
}

export const accountResource = (account: Pick<AccountRecord, 'role' | 'homeDistrictIds'>) =>
  ({ kind: 'account', role: account.role, districtIds: account.homeDistrictIds }) as const;

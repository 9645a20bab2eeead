import { accounts } from '@lastmeter/db';
import type { AccountView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordScopeChanged } from '../events/record-scope-changed.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { revokeSessionsOf } from './account-sessions.ts';
import { loadAccountFor } from './load-account.ts';
import { auditChanges, presentAccount } from './present-account.ts';
import { readAccounts } from './read-accounts.ts';

/**
 * Deactivates an account — it can no longer sign in, and its sessions are revoked at once (`revoked`:
 * the caller drops their sockets) — or reactivates it. Nothing is deleted: the audit trail keeps
 * pointing at the account.
 */
export async function setAccountActive(
  use: Acting & { accountId: string; active: boolean },
): Promise<{ account: AccountView; revoked: string[] }> {
  const { db, actor, accountId, active } = use;
  const before = await loadAccountFor(db, actor, accountId, 'manage');
  if (!active && accountId === actor.accountId)
    throw errors.conflict('You cannot deactivate your own account');
  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ disabledAt: active ? null : (before.disabledAt ?? new Date()) })
      .where(eq(accounts.id, accountId));
    const revoked = active ? [] : await revokeSessionsOf(tx, accountId);
    if (!active) await recordScopeChanged(tx, accountId, actor.accountId);
    const [after] = await readAccounts(tx, eq(accounts.id, accountId));
    if (!after) throw new Error('account vanished in its own transaction');
    await recordAudit(tx, {
      actor,
      action: active ? 'reactivate' : 'deactivate',
      entity: 'account',
      entityId: accountId,
      outcome: 'allowed',
      detail: { ...auditChanges(before, after), sessionsRevoked: revoked.length },
    });
    return { account: presentAccount(after), revoked };
  });
}

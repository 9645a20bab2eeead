import { accounts, loginAttempts } from '@lastmeter/db';
import type { AccountView, ResetPasswordBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { revokeSessionsOf } from './account-sessions.ts';
import { loadAccountFor } from './load-account.ts';
import { presentAccount } from './present-account.ts';
import { readAccounts } from './read-accounts.ts';

/**
 * Sets a temporary password the administrator gives the person, who must choose their own at next
 * sign-in. Open sessions are revoked (`revoked`: drop their sockets) and the failed-login count is
 * cleared. The audit records that it happened, never the password.
 */
export async function resetPassword(
  use: Acting & { accountId: string; input: ResetPasswordBody },
): Promise<{ account: AccountView; revoked: string[] }> {
  const { db, actor, accountId, input } = use;
  const before = await loadAccountFor(db, actor, accountId, 'manage');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(accounts.id, accountId));
    await tx.delete(loginAttempts).where(eq(loginAttempts.username, before.username));
    const revoked = await revokeSessionsOf(tx, accountId);
    const [after] = await readAccounts(tx, eq(accounts.id, accountId));
    if (!after) throw new Error('account vanished in its own transaction');
    await recordAudit(tx, {
      actor,
      action: 'reset_password',
      entity: 'account',
      entityId: accountId,
      outcome: 'allowed',
      detail: {
        before: { mustChangePassword: before.mustChangePassword },
        after: { mustChangePassword: true },
        sessionsRevoked: revoked.length,
      },
    });
    return { account: presentAccount(after), revoked };
  });
}

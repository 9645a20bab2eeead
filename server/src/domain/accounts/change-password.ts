import { accounts } from '@lastmeter/db';
import type { ChangePasswordBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { codedIssue, errors } from '../../errors.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { revokeSessionsOf } from './account-sessions.ts';

/**
 * The signed-in person chooses a new password (required after a reset). Their other sessions are
 * revoked (`revoked`); this one stays open and may do everything again.
 */
export async function changePassword(
  use: Acting & { input: ChangePasswordBody },
): Promise<{ revoked: string[] }> {
  const { db, actor, input } = use;
  const [account] = await db
    .select({ passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw errors.validation([codedIssue('body.currentPassword', 'password_wrong')]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(accounts.id, actor.accountId));
    const revoked = await revokeSessionsOf(tx, actor.accountId, actor.sessionId);
    await recordAudit(tx, {
      actor,
      action: 'change_password',
      entity: 'account',
      entityId: actor.accountId,
      outcome: 'allowed',
      detail: {
        before: { mustChangePassword: actor.mustChangePassword },
        after: { mustChangePassword: false },
      },
    });
    return { revoked };
  });
}

import { accounts } from '@lastmeter/db';
import type { AccountView, CreateAccountBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { checkScope, scopeOf, writeScope } from './account-scope.ts';
import { auditView, presentAccount } from './present-account.ts';
import { readAccounts } from './read-accounts.ts';

/**
 * Creates a staff account with its scope. The first password is a temporary one: the person must
 * choose their own at first sign-in. Admins create any role; dispatchers, drivers of their districts.
 */
export async function createAccount(use: Acting & { input: CreateAccountBody }): Promise<AccountView> {
  const { db, actor, input } = use;
  const home = await checkScope(db, actor, input.role, scopeOf(input));
  await authorize(db, actor, 'manage', { kind: 'account', role: input.role, districtIds: home });
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, input.username));
    if (existing) throw errors.fieldCode('body.username', 'username_taken');
    const [row] = await tx
      .insert(accounts)
      .values({
        username: input.username,
        passwordHash,
        role: input.role,
        displayName: input.displayName,
        phone: input.phone,
        locale: input.locale,
        mustChangePassword: true,
      })
      .returning();
    if (!row) throw new Error('account insert returned no row');
    await writeScope(tx, row, scopeOf(input));
    const [account] = await readAccounts(tx, eq(accounts.id, row.id));
    if (!account) throw new Error('account vanished in its own transaction');
    await recordAudit(tx, {
      actor,
      action: 'create',
      entity: 'account',
      entityId: account.id,
      outcome: 'allowed',
      detail: { after: auditView(account) },
    });
    return account;
  });
  return presentAccount(created);
}

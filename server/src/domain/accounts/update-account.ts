import { accounts } from '@lastmeter/db';
import type { AccountView, UpdateAccountBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import { recordScopeChanged } from '../events/record-scope-changed.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { checkScope, type ScopeInput, scopeOf, writeScope } from './account-scope.ts';
import { loadAccountFor } from './load-account.ts';
import { auditChanges, presentAccount } from './present-account.ts';
import { readAccounts } from './read-accounts.ts';

/**
 * Edits an account's name, phone, language or scope (never its role). A scope change applies to the
 * person's next request at once, and their open sockets follow it live (account.scope_changed).
 */
export async function updateAccount(
  use: Acting & { accountId: string; input: UpdateAccountBody },
): Promise<AccountView> {
  const { db, actor, accountId, input } = use;
  const before = await loadAccountFor(db, actor, accountId, 'manage');
  const scope: ScopeInput = {
    districtIds: input.districtIds ?? before.districtIds,
    compoundIds: input.compoundIds ?? before.compoundIds,
    hospitalId: input.hospitalId === undefined ? before.hospitalId : input.hospitalId,
    vehicleId: input.vehicleId === undefined ? before.vehicleId : input.vehicleId,
  };
  const scopeChanged = JSON.stringify(scope) !== JSON.stringify(scopeOf(before));
  if (scopeChanged) {
    const home = await checkScope(db, actor, before.role, scope);
    // Moving an account needs the right to manage it where it goes, as where it was.
    await authorize(db, actor, 'manage', { kind: 'account', role: before.role, districtIds: home });
  }
  const after = await db.transaction(async (tx) => {
    const fields = {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    };
    if (Object.keys(fields).length) await tx.update(accounts).set(fields).where(eq(accounts.id, accountId));
    if (scopeChanged || (before.role === 'driver' && Object.keys(fields).length)) {
      const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
      if (row) await writeScope(tx, row, scope);
    }
    // Open sockets leave the old scope's rooms and join the new ones as this commits (realtime/socket-server.ts).
    if (scopeChanged) await recordScopeChanged(tx, accountId, actor.accountId);
    const [account] = await readAccounts(tx, eq(accounts.id, accountId));
    if (!account) throw new Error('account vanished in its own transaction');
    await recordAudit(tx, {
      actor,
      action: 'update',
      entity: 'account',
      entityId: accountId,
      outcome: 'allowed',
      detail: auditChanges(before, account),
    });
    return account;
  });
  return presentAccount(after);
}

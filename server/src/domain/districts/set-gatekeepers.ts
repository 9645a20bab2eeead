import { accountScopes, accounts, type Db } from '@lastmeter/db';
import type { Gatekeeper, SetGatekeepersBody } from '@lastmeter/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordScopeChanged } from '../events/record-scope-changed.ts';
import type { Acting } from '../use-case.ts';
import { loadCompound } from './load-compound.ts';

/** Replaces who keeps a compound (admin). Takes effect at once, open sockets included. */
export async function setGatekeepers(
  use: Acting & { compoundId: string; input: SetGatekeepersBody },
): Promise<Gatekeeper[]> {
  const { db, actor, compoundId, input } = use;
  await loadCompound(db, actor, compoundId, 'manage');
  const wanted = [...new Set(input.accountIds)];
  const found = wanted.length
    ? await db
        .select({
          accountId: accounts.id,
          username: accounts.username,
          displayName: accounts.displayName,
          role: accounts.role,
        })
        .from(accounts)
        .where(inArray(accounts.id, wanted))
    : [];
  const issues = input.accountIds.flatMap((id, i) => {
    const account = found.find((a) => a.accountId === id);
    if (!account) return [{ path: `body.accountIds.${i}`, message: 'no such account' }];
    if (account.role !== 'gatekeeper')
      return [{ path: `body.accountIds.${i}`, message: `is a ${account.role} account, not a gatekeeper` }];
    return [];
  });
  if (issues.length) throw errors.validation(issues);
  await db.transaction(async (tx) => {
    const current = await tx
      .select({ id: accountScopes.id, accountId: accountScopes.accountId })
      .from(accountScopes)
      .innerJoin(accounts, eq(accounts.id, accountScopes.accountId))
      .where(and(eq(accountScopes.compoundId, compoundId), eq(accounts.role, 'gatekeeper')));
    const stale = current.filter((c) => !wanted.includes(c.accountId));
    if (stale.length)
      await tx.delete(accountScopes).where(
        inArray(
          accountScopes.id,
          stale.map((c) => c.id),
        ),
      );
    const added = wanted.filter((id) => !current.some((c) => c.accountId === id));
    if (added.length)
      await tx.insert(accountScopes).values(added.map((accountId) => ({ accountId, compoundId })));
    await recordScopeChanged(tx, [...stale.map((c) => c.accountId), ...added], actor.accountId);
  });
  return gatekeepersOf(db, compoundId);
}

export async function gatekeepersOf(db: Db, compoundId: string): Promise<Gatekeeper[]> {
  return db
    .select({ accountId: accounts.id, username: accounts.username, displayName: accounts.displayName })
    .from(accountScopes)
    .innerJoin(accounts, eq(accounts.id, accountScopes.accountId))
    .where(and(eq(accountScopes.compoundId, compoundId), eq(accounts.role, 'gatekeeper')))
    .orderBy(accounts.username);
}

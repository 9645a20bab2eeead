import { accountScopes, accounts, compounds, hospitals, vehicles } from '@lastmeter/db';
import type { AccountList, AccountListQuery } from '@lastmeter/shared';
import { and, eq, exists, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { accountListScope } from '../policies.ts';
import type { Acting } from '../use-case.ts';
import { presentAccount } from './present-account.ts';
import { readAccounts } from './read-accounts.ts';

/** Accounts the actor may see (the policy's list scope), filtered by role, place, status and name. */
export async function listAccounts(use: Acting & { query: AccountListQuery }): Promise<AccountList> {
  const { db, actor, query } = use;
  const scope = accountListScope(actor);
  if (!scope.all && (scope.roles.length === 0 || scope.districtIds.length === 0)) return { accounts: [] };
  const scopeWhere = scope.all
    ? undefined
    : and(inArray(accounts.role, scope.roles), inArray(vehicles.districtId, scope.districtIds));
  const inDistrict = (districtId: string): SQL | undefined =>
    or(
      eq(vehicles.districtId, districtId),
      eq(hospitals.districtId, districtId),
      exists(
        db
          .select({ one: sql`1` })
          .from(accountScopes)
          .leftJoin(compounds, eq(compounds.id, accountScopes.compoundId))
          .where(
            and(
              eq(accountScopes.accountId, accounts.id),
              or(eq(accountScopes.districtId, districtId), eq(compounds.districtId, districtId)),
            ),
          ),
      ),
    );
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    scopeWhere,
    query.role ? eq(accounts.role, query.role) : undefined,
    query.districtId ? inDistrict(query.districtId) : undefined,
    query.compoundId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(accountScopes)
            .where(
              and(eq(accountScopes.accountId, accounts.id), eq(accountScopes.compoundId, query.compoundId)),
            ),
        )
      : undefined,
    query.hospitalId ? eq(accounts.hospitalId, query.hospitalId) : undefined,
    query.status === 'active' ? isNull(accounts.disabledAt) : undefined,
    query.status === 'inactive' ? isNotNull(accounts.disabledAt) : undefined,
    pattern ? or(ilike(accounts.username, pattern), ilike(accounts.displayName, pattern)) : undefined,
  );
  const rows = await readAccounts(db, where);
  return { accounts: rows.map(presentAccount) };
}

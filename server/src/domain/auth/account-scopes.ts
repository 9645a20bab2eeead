import { accountScopes, compounds, type Db } from '@lastmeter/db';
import { eq, inArray } from 'drizzle-orm';

/** Where an account may work, as its scope rows grant it: districts, compounds and those compounds' districts. */
export interface AccountScopes {
  districtIds: string[];
  compoundIds: string[];
  compoundDistrictIds: string[];
}

/** The scopes of accounts, by account id, in one query (an account without scope rows has empty lists). */
export async function loadAccountScopes(db: Db, accountIds: string[]): Promise<Map<string, AccountScopes>> {
  const rows = accountIds.length
    ? await db
        .select({
          accountId: accountScopes.accountId,
          districtId: accountScopes.districtId,
          compoundId: accountScopes.compoundId,
          compoundDistrictId: compounds.districtId,
        })
        .from(accountScopes)
        .leftJoin(compounds, eq(compounds.id, accountScopes.compoundId))
        .where(inArray(accountScopes.accountId, accountIds))
    : [];
  return new Map(
    accountIds.map((id) => {
      const own = rows.filter((s) => s.accountId === id);
      return [
        id,
        {
          districtIds: own.flatMap((s) => (s.districtId ? [s.districtId] : [])),
          compoundIds: own.flatMap((s) => (s.compoundId ? [s.compoundId] : [])),
          compoundDistrictIds: own.flatMap((s) => (s.compoundDistrictId ? [s.compoundDistrictId] : [])),
        },
      ];
    }),
  );
}

/** An account's language: English if it chose it, else Chinese. */
export const localeOf = (locale: string): 'zh-CN' | 'en' => (locale === 'en' ? 'en' : 'zh-CN');

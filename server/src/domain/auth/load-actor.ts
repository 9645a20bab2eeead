import { accounts, type Db, drivers } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { loadAccountScopes, localeOf } from './account-scopes.ts';

/** Builds the actor for an account: its role and the scope that role grants. */
export async function loadActor(
  db: Db,
  accountId: string,
  session: { id: string; expiresAt: Date },
  ip: string,
): Promise<Actor | null> {
  const [account] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      role: accounts.role,
      locale: accounts.locale,
      hospitalId: accounts.hospitalId,
      disabledAt: accounts.disabledAt,
      mustChangePassword: accounts.mustChangePassword,
      driverId: drivers.id,
      vehicleId: drivers.vehicleId,
    })
    .from(accounts)
    .leftJoin(drivers, eq(drivers.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  if (!account || account.disabledAt) return null;
  const scopes = (await loadAccountScopes(db, [account.id])).get(account.id);
  return {
    accountId: account.id,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    locale: localeOf(account.locale),
    districtIds: scopes?.districtIds ?? [],
    compoundIds: scopes?.compoundIds ?? [],
    compoundDistrictIds: [...new Set(scopes?.compoundDistrictIds)],
    hospitalId: account.role === 'hospital' ? account.hospitalId : null,
    vehicleId: account.role === 'driver' ? account.vehicleId : null,
    driverId: account.role === 'driver' ? account.driverId : null,
    mustChangePassword: account.mustChangePassword,
    ip,
  };
}

import { accounts, type Db, drivers, hospitals, vehicles } from '@lastmeter/db';
import type { Role } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { eq, type SQL } from 'drizzle-orm';
import { loadAccountScopes, localeOf } from '../auth/account-scopes.ts';

/** An account with the scope its role carries, as the accounts use cases work with it. */
export interface AccountRecord {
  id: string;
  username: string;
  displayName: string;
  phone: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  disabledAt: Date | null;
  mustChangePassword: boolean;
  createdAt: Date;
  districtIds: string[];
  compoundIds: string[];
  hospitalId: string | null;
  vehicleId: string | null;
  /** Where the account works, whatever its role: what the policy scopes an account by. */
  homeDistrictIds: string[];
}

/** Accounts matching `where` (on `accounts`, `drivers` or the driver's `vehicles` row), with their scope. */
export async function readAccounts(db: Db, where: SQL | undefined): Promise<AccountRecord[]> {
  const rows = await db
    .select({
      account: accounts,
      vehicleId: drivers.vehicleId,
      vehicleDistrictId: vehicles.districtId,
      hospitalDistrictId: hospitals.districtId,
    })
    .from(accounts)
    .leftJoin(drivers, eq(drivers.accountId, accounts.id))
    .leftJoin(vehicles, eq(vehicles.id, drivers.vehicleId))
    .leftJoin(hospitals, eq(hospitals.id, accounts.hospitalId))
    .where(where)
    .orderBy(accounts.role, accounts.username);
  if (rows.length === 0) return [];
  const scopes = await loadAccountScopes(
    db,
    rows.map((r) => r.account.id),
  );
  return rows.map(({ account, vehicleId, vehicleDistrictId, hospitalDistrictId }) => {
    const { districtIds, compoundIds, compoundDistrictIds } = scopes.get(account.id) ?? {
      districtIds: [],
      compoundIds: [],
      compoundDistrictIds: [],
    };
    const home = homeDistricts(account.role, {
      districtIds,
      compoundDistrictIds,
      hospitalDistrictId,
      vehicleDistrictId,
    });
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      phone: account.phone,
      role: account.role,
      locale: localeOf(account.locale),
      disabledAt: account.disabledAt,
      mustChangePassword: account.mustChangePassword,
      createdAt: account.createdAt,
      districtIds: account.role === 'dispatcher' ? districtIds : [],
      compoundIds: account.role === 'gatekeeper' ? compoundIds : [],
      hospitalId: account.role === 'hospital' ? account.hospitalId : null,
      vehicleId: account.role === 'driver' ? vehicleId : null,
      homeDistrictIds: home,
    };
  });
}

export function homeDistricts(
  role: Role,
  scope: {
    districtIds: string[];
    compoundDistrictIds: string[];
    hospitalDistrictId: string | null;
    vehicleDistrictId: string | null;
  },
): string[] {
  switch (role) {
    case 'admin':
      return [];
    case 'dispatcher':
      return [...new Set(scope.districtIds)];
    case 'gatekeeper':
      return [...new Set(scope.compoundDistrictIds)];
    case 'hospital':
      return scope.hospitalDistrictId ? [scope.hospitalDistrictId] : [];
    case 'driver':
      return scope.vehicleDistrictId ? [scope.vehicleDistrictId] : [];
    default:
      return exhaustive(role, 'role');
  }
}

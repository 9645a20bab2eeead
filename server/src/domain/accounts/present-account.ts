import type { AccountView } from '@lastmeter/shared';
import { maskPhone } from '../mask-identity.ts';
import type { AccountRecord } from './read-accounts.ts';

export function presentAccount(account: AccountRecord): AccountView {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    phone: account.phone ? maskPhone(account.phone) : '',
    role: account.role,
    locale: account.locale,
    active: account.disabledAt === null,
    deactivatedAt: account.disabledAt?.toISOString() ?? null,
    mustChangePassword: account.mustChangePassword,
    districtIds: account.role === 'dispatcher' ? account.districtIds : account.homeDistrictIds,
    compoundIds: account.compoundIds,
    hospitalId: account.hospitalId,
    vehicleId: account.vehicleId,
    createdAt: account.createdAt.toISOString(),
  };
}

/**
 * What the audit keeps of an account: the presented view (phone masked, never a password or its
 * hash) without the timestamps. `changes` lists the fields that differ, before → after.
 */
export function auditView(account: AccountRecord) {
  const { createdAt: _c, deactivatedAt: _d, ...view } = presentAccount(account);
  return view;
}

export function auditChanges(before: AccountRecord, after: AccountRecord) {
  const a = auditView(before) as Record<string, unknown>;
  const b = auditView(after) as Record<string, unknown>;
  const fields = Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return {
    before: Object.fromEntries(fields.map((k) => [k, a[k]])),
    after: Object.fromEntries(fields.map((k) => [k, b[k]])),
  };
}

import {
  accountScopes,
  accounts,
  compounds,
  type Db,
  districts,
  drivers,
  hospitals,
  vehicles,
} from '@lastmeter/db';
import { type AccountScope, type FieldIssue, type Role, SCOPE_OF_ROLE } from '@lastmeter/shared';
import { eq, inArray } from 'drizzle-orm';
import { codedIssue, errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { can } from '../policies.ts';
import { homeDistricts } from './read-accounts.ts';

export type ScopeInput = AccountScope;

const given = (value: ScopeInput[keyof ScopeInput]) =>
  Array.isArray(value) ? value.length > 0 : value !== null;

/**
 * Checks a role's scope — required parts present, parts of other roles absent, every target existing —
 * and returns the districts the account will work in (what the policy scopes it by). 400 naming the field.
 * A target outside what `actor` may read is as unknown as one that does not exist, so naming another
 * district's vehicle or compound reveals nothing (the policy's answer comes after, on what is left).
 */
export async function checkScope(db: Db, actor: Actor, role: Role, scope: ScopeInput): Promise<string[]> {
  const rule = SCOPE_OF_ROLE[role];
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(scope) as (keyof ScopeInput)[]) {
    if (key === rule.required && !given(scope[key]))
      issues.push(codedIssue(`body.${key}`, 'scope_required', { role }));
    if (!rule.allowed.includes(key) && given(scope[key]))
      issues.push(codedIssue(`body.${key}`, 'scope_not_for_role', { role }));
  }
  if (issues.length) throw errors.validation(issues);

  const districtIds = [...new Set(scope.districtIds)];
  const compoundIds = [...new Set(scope.compoundIds)];
  const foundDistricts = (
    districtIds.length
      ? await db.select({ id: districts.id }).from(districts).where(inArray(districts.id, districtIds))
      : []
  ).filter((d) => can(actor, 'read', { kind: 'district', districtId: d.id }));
  const foundCompounds = (
    compoundIds.length
      ? await db
          .select({ id: compounds.id, districtId: compounds.districtId })
          .from(compounds)
          .where(inArray(compounds.id, compoundIds))
      : []
  ).filter((c) => can(actor, 'read', { kind: 'compound', districtId: c.districtId, compoundId: c.id }));
  const [hospital] = (
    scope.hospitalId
      ? await db
          .select({ districtId: hospitals.districtId })
          .from(hospitals)
          .where(eq(hospitals.id, scope.hospitalId))
      : []
  ).filter(() => scope.hospitalId && can(actor, 'read', { kind: 'hospital', hospitalId: scope.hospitalId }));
  const [vehicle] = (
    scope.vehicleId
      ? await db
          .select({ districtId: vehicles.districtId })
          .from(vehicles)
          .where(eq(vehicles.id, scope.vehicleId))
      : []
  ).filter(
    (v) =>
      scope.vehicleId &&
      can(actor, 'read', { kind: 'vehicle', districtId: v.districtId, vehicleId: scope.vehicleId }),
  );
  scope.districtIds.forEach((id, i) => {
    if (!foundDistricts.some((d) => d.id === id))
      issues.push(codedIssue(`body.districtIds.${i}`, 'scope_unknown'));
  });
  scope.compoundIds.forEach((id, i) => {
    if (!foundCompounds.some((c) => c.id === id))
      issues.push(codedIssue(`body.compoundIds.${i}`, 'scope_unknown'));
  });
  if (scope.hospitalId && !hospital) issues.push(codedIssue('body.hospitalId', 'scope_unknown'));
  if (scope.vehicleId && !vehicle) issues.push(codedIssue('body.vehicleId', 'scope_unknown'));
  if (issues.length) throw errors.validation(issues);
  return homeDistricts(role, {
    districtIds,
    compoundDistrictIds: foundCompounds.map((c) => c.districtId),
    hospitalDistrictId: hospital?.districtId ?? null,
    vehicleDistrictId: vehicle?.districtId ?? null,
  });
}

/** Replaces the account's scope rows, hospital and (for a driver) vehicle. Pass the transaction. */
export async function writeScope(
  tx: Db,
  account: { id: string; role: Role; displayName: string; phone: string },
  scope: ScopeInput,
): Promise<void> {
  await tx.delete(accountScopes).where(eq(accountScopes.accountId, account.id));
  const rows = [
    ...[...new Set(scope.districtIds)].map((districtId) => ({ accountId: account.id, districtId })),
    ...[...new Set(scope.compoundIds)].map((compoundId) => ({ accountId: account.id, compoundId })),
  ];
  if (rows.length) await tx.insert(accountScopes).values(rows);
  await tx.update(accounts).set({ hospitalId: scope.hospitalId }).where(eq(accounts.id, account.id));
  if (account.role !== 'driver') return;
  await tx
    .insert(drivers)
    .values({
      accountId: account.id,
      vehicleId: scope.vehicleId,
      name: account.displayName,
      phone: account.phone,
    })
    .onConflictDoUpdate({
      target: drivers.accountId,
      set: { vehicleId: scope.vehicleId, name: account.displayName, phone: account.phone },
    });
}

export const scopeOf = (account: ScopeInput): ScopeInput => ({
  districtIds: account.districtIds,
  compoundIds: account.compoundIds,
  hospitalId: account.hospitalId,
  vehicleId: account.vehicleId,
});

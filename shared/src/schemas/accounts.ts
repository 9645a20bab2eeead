import { z } from 'zod';
import { ROLES, type Role } from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { MainlandMobile } from './patients.ts';
import { line } from './text.ts';

/**
 * Accounts as administrators (and, for their district's drivers, dispatchers) manage them. The scope
 * an account carries depends on its role: districts for a dispatcher, compounds for a gatekeeper, a
 * hospital for a hospital desk, a vehicle (or none yet) for a driver, nothing for an admin.
 */
const USERNAME = /^[a-z0-9][a-z0-9_.-]{2,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

const password = (what: string) =>
  z
    .string()
    .min(MIN_PASSWORD_LENGTH)
    .max(256)
    .meta({ description: `${what} (at least ${MIN_PASSWORD_LENGTH} characters)` });

const scopeFields = {
  districtIds: z
    .array(z.uuid())
    .max(50)
    .meta({ description: 'Dispatcher: the districts they work in (at least one)' }),
  compoundIds: z
    .array(z.uuid())
    .max(200)
    .meta({ description: 'Gatekeeper: the compounds they keep (at least one)' }),
  hospitalId: z.uuid().nullable().meta({ description: 'Hospital desk: the hospital they work for' }),
  vehicleId: z.uuid().nullable().meta({ description: 'Driver: the vehicle they drive (`null`: none yet)' }),
};

/** The scope fields an account carries, whatever its role. */
export interface AccountScope {
  districtIds: string[];
  compoundIds: string[];
  hospitalId: string | null;
  vehicleId: string | null;
}

/**
 * Which scope field each role must have (`required`) and which it may carry at all: the one rule the
 * server checks (server/src/domain/accounts/account-scope.ts) and the web's scope editor sends by.
 */
export const SCOPE_OF_ROLE: Record<
  Role,
  { required: keyof AccountScope | null; allowed: readonly (keyof AccountScope)[] }
> = {
  admin: { required: null, allowed: [] },
  dispatcher: { required: 'districtIds', allowed: ['districtIds'] },
  gatekeeper: { required: 'compoundIds', allowed: ['compoundIds'] },
  hospital: { required: 'hospitalId', allowed: ['hospitalId'] },
  driver: { required: null, allowed: ['vehicleId'] },
};

/** Only the scope fields `role` carries, from a scope that may hold others (an account's view). */
export function scopeForRole(role: Role, scope: AccountScope): Partial<AccountScope> {
  return Object.fromEntries(SCOPE_OF_ROLE[role].allowed.map((key) => [key, scope[key]]));
}

export const CreateAccountBody = z
  .strictObject({
    username: line()
      .toLowerCase()
      .regex(USERNAME)
      .meta({ description: 'Sign-in name: 3–64 of a–z, 0–9, `_ . -`, unique' }),
    displayName: line().min(1).max(60).meta({ description: 'Name shown to colleagues' }),
    phone: z
      .union([MainlandMobile, z.literal('')])
      .default('')
      .meta({ description: 'Work mobile, optional' }),
    role: z.enum(ROLES),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    password: password('First password; the person must choose a new one at first sign-in'),
    districtIds: scopeFields.districtIds.default([]),
    compoundIds: scopeFields.compoundIds.default([]),
    hospitalId: scopeFields.hospitalId.default(null),
    vehicleId: scopeFields.vehicleId.default(null),
  })
  .meta({ id: 'CreateAccountBody' });
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

export const UpdateAccountBody = z
  .strictObject({
    displayName: line().min(1).max(60).optional(),
    phone: z.union([MainlandMobile, z.literal('')]).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
    districtIds: scopeFields.districtIds.optional(),
    compoundIds: scopeFields.compoundIds.optional(),
    hospitalId: scopeFields.hospitalId.optional(),
    vehicleId: scopeFields.vehicleId.optional(),
  })
  .meta({ id: 'UpdateAccountBody', description: 'Only the fields given change; the role never does' });
export type UpdateAccountBody = z.infer<typeof UpdateAccountBody>;

export const ResetPasswordBody = z
  .strictObject({ password: password('Temporary password to give the person') })
  .meta({ id: 'ResetPasswordBody' });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(256).meta({ description: 'The password used to sign in' }),
    newPassword: password('The new password'),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    ...fieldCheck('password_unchanged'),
  })
  .meta({ id: 'ChangePasswordBody' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const AccountPathParams = z.strictObject({
  accountId: z.uuid().meta({ description: "The account's id" }),
});

export const AccountListQuery = z
  .strictObject({
    role: z.enum(ROLES).optional().meta({ description: 'Only this role' }),
    districtId: z.uuid().optional().meta({ description: 'Only accounts working in this district' }),
    compoundId: z.uuid().optional().meta({ description: 'Only gatekeepers of this compound' }),
    hospitalId: z.uuid().optional().meta({ description: 'Only desks of this hospital' }),
    status: z
      .enum(['active', 'inactive'])
      .optional()
      .meta({ description: 'Only active or deactivated ones' }),
    q: line().min(1).max(60).optional().meta({ description: 'Part of the username or display name' }),
  })
  .meta({ id: 'AccountListQuery' });
export type AccountListQuery = z.infer<typeof AccountListQuery>;

export const AccountView = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    phone: z.string().meta({ description: 'Masked: 138****1234' }),
    role: z.enum(ROLES),
    locale: z.enum(['zh-CN', 'en']),
    active: z.boolean(),
    deactivatedAt: z.iso.datetime().nullable(),
    mustChangePassword: z.boolean().meta({ description: 'A reset password awaits its replacement' }),
    districtIds: z.array(z.uuid()).meta({
      description:
        "Dispatcher: their districts; driver: their vehicle's district; gatekeeper: their compounds' districts",
    }),
    compoundIds: z.array(z.uuid()),
    hospitalId: z.uuid().nullable(),
    vehicleId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof AccountView>;

export const AccountList = z.object({ accounts: z.array(AccountView) }).meta({ id: 'AccountList' });
export type AccountList = z.infer<typeof AccountList>;

import {
  AccountList,
  type AccountList as AccountListType,
  type AccountView,
  AccountView as AccountViewSchema,
  Compound,
  CreateAccountBody,
  District,
  Hospital,
  ROLES,
  type Role,
  SCOPE_OF_ROLE,
  scopeForRole,
  Vehicle,
} from '@lastmeter/shared';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { z } from 'zod';
import { FormField } from '../../components/FormField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { useMe } from '../auth/auth.ts';

type Scope = Pick<AccountView, 'districtIds' | 'compoundIds' | 'hospitalId' | 'vehicleId'>;

/** The places an account can be scoped to, as the actor may see them. */
function usePlaces() {
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: ({ signal }) => api.get('/districts', z.array(District), signal),
  });
  const compounds = useQueries({
    queries: (districts.data ?? []).map((d) => ({
      queryKey: ['districts', d.id, 'compounds'],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get(`/districts/${d.id}/compounds`, z.array(Compound), signal),
    })),
  });
  const hospitals = useQuery({
    queryKey: ['hospitals'],
    queryFn: ({ signal }) => api.get('/hospitals', z.array(Hospital), signal),
  });
  const vehicles = useQuery({
    queryKey: ['admin', 'vehicles'],
    queryFn: ({ signal }) => api.get('/vehicles', z.array(Vehicle), signal),
  });
  return {
    districts: districts.data ?? [],
    compounds: compounds.flatMap((q) => q.data ?? []),
    hospitals: hospitals.data ?? [],
    vehicles: vehicles.data ?? [],
  };
}
type Places = ReturnType<typeof usePlaces>;

/** The scope fields of a role: district or compound checkboxes, a hospital or a vehicle. */
function ScopeFields({
  role,
  scope,
  places,
  errors,
  onChange,
}: {
  role: Role;
  scope: Scope;
  places: Places;
  errors: Partial<Record<string, string>>;
  onChange: (scope: Scope) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const toggle = (key: 'districtIds' | 'compoundIds', value: string) =>
    onChange({
      ...scope,
      [key]: scope[key].includes(value) ? scope[key].filter((v) => v !== value) : [...scope[key], value],
    });
  if (role === 'dispatcher' || role === 'gatekeeper') {
    const key = role === 'dispatcher' ? 'districtIds' : 'compoundIds';
    const options =
      role === 'dispatcher'
        ? places.districts.map((d) => ({ id: d.id, label: d.name }))
        : places.compounds.map((c) => ({
            id: c.id,
            label: `${c.name}（${places.districts.find((d) => d.id === c.districtId)?.name ?? ''}）`,
          }));
    return (
      <fieldset className="scope-choices" aria-describedby={errors[key] ? `${id}-error` : undefined}>
        <legend>{t(role === 'dispatcher' ? 'accounts.districts' : 'accounts.compounds')}</legend>
        {options.map((o) => (
          <label key={o.id} className="checkbox">
            <input type="checkbox" checked={scope[key].includes(o.id)} onChange={() => toggle(key, o.id)} />{' '}
            {o.label}
          </label>
        ))}
        {errors[key] ? (
          <p id={`${id}-error`} className="field-error">
            {errors[key]}
          </p>
        ) : null}
      </fieldset>
    );
  }
  if (role === 'hospital' || role === 'driver') {
    const key = role === 'hospital' ? 'hospitalId' : 'vehicleId';
    const options =
      role === 'hospital'
        ? places.hospitals.map((h) => ({ id: h.id, label: h.name }))
        : places.vehicles.map((v) => ({ id: v.id, label: `${v.plate} ${v.callSign}` }));
    return (
      <FormField
        id={`${id}-${key}`}
        label={t(role === 'hospital' ? 'accounts.hospital' : 'accounts.vehicle')}
        error={errors[key]}
      >
        {(control) => (
          <select
            {...control}
            value={scope[key] ?? ''}
            onChange={(e) => onChange({ ...scope, [key]: e.target.value || null })}
          >
            <option value="">{t('accounts.none')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
    );
  }
  return null;
}

const NO_SCOPE: Scope = { districtIds: [], compoundIds: [], hospitalId: null, vehicleId: null };

function CreateAccountForm({
  roles,
  places,
  onCreated,
}: {
  roles: readonly Role[];
  places: Places;
  onCreated: () => void;
}) {
  const { t, describeError } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const form = useZodForm(CreateAccountBody, {
    initialValues: {
      username: '',
      displayName: '',
      phone: '',
      role: roles[0] ?? 'driver',
      locale: 'zh-CN' as const,
      password: '',
      ...NO_SCOPE,
    },
    onSubmit: async (body) => {
      const account = await api.post('/accounts', AccountViewSchema, body);
      setDone(account.username);
      onCreated();
    },
  });
  const role = form.values.role as Role;
  return (
    <form className="card" onSubmit={form.handleSubmit} noValidate aria-label={t('accounts.create')}>
      <h2>{t('accounts.create')}</h2>
      <FormField id="account-role" label={t('accounts.role')} error={form.errors.role}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            onChange={(e) => {
              form.setValue('role', e.target.value as Role);
              for (const [k, v] of Object.entries(NO_SCOPE)) form.setValue(k as keyof Scope, v as never);
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <TextField
        {...form.field('username')}
        label={t('accounts.username')}
        hint={t('accounts.usernameHint')}
        autoComplete="off"
      />
      <TextField {...form.field('displayName')} label={t('accounts.displayName')} />
      <TextField
        id="account-phone"
        name="phone"
        value={form.values.phone ?? ''}
        error={form.errors.phone}
        onChange={(e) => form.setValue('phone', e.target.value)}
        label={t('accounts.phone')}
        inputMode="tel"
      />
      <TextField
        {...form.field('password')}
        type="password"
        label={t('accounts.firstPassword')}
        hint={t('accounts.firstPasswordHint')}
        autoComplete="new-password"
      />
      <ScopeFields
        role={role}
        places={places}
        errors={form.errors}
        scope={{
          districtIds: form.values.districtIds ?? [],
          compoundIds: form.values.compoundIds ?? [],
          hospitalId: form.values.hospitalId ?? null,
          vehicleId: form.values.vehicleId ?? null,
        }}
        onChange={(scope) => {
          for (const [k, v] of Object.entries(scope)) form.setValue(k as keyof Scope, v as never);
        }}
      />
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      {done ? (
        <p className="alert alert-success" role="status">
          {t('accounts.created', { username: done })}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {t('accounts.createSubmit')}
      </button>
    </form>
  );
}

function AccountRow({
  account,
  places,
  onChanged,
}: {
  account: AccountView;
  places: Places;
  onChanged: () => void;
}) {
  const { t, describeError } = useI18n();
  const [editing, setEditing] = useState(false);
  const [scope, setScope] = useState<Scope>(account);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const where = [
    ...account.districtIds.map((id) => places.districts.find((d) => d.id === id)?.name),
    ...account.compoundIds.map((id) => places.compounds.find((c) => c.id === id)?.name),
    places.hospitals.find((h) => h.id === account.hospitalId)?.name,
    places.vehicles.find((v) => v.id === account.vehicleId)?.plate,
  ].filter(Boolean);
  return (
    <li className={account.active ? undefined : 'inactive'} aria-label={account.username}>
      <strong>
        {account.displayName} <span className="muted">@{account.username}</span>
      </strong>
      <span className="muted">
        {t(`role.${account.role}`)} · {where.join('、') || t('accounts.none')} ·{' '}
        {account.active ? t('accounts.active') : t('accounts.inactive')}
        {account.mustChangePassword ? ` · ${t('accounts.mustChange')}` : ''}
      </span>
      <div className="button-row">
        {/* An admin carries no scope (SCOPE_OF_ROLE): there is nothing to change. */}
        {SCOPE_OF_ROLE[account.role].allowed.length > 0 && (
          <button type="button" className="button-small" onClick={() => setEditing((v) => !v)}>
            {t('accounts.editScope')}
          </button>
        )}
        <button
          type="button"
          className="button-small"
          onClick={() =>
            void run(() =>
              api.post(
                `/accounts/${account.id}/${account.active ? 'deactivate' : 'reactivate'}`,
                AccountViewSchema,
              ),
            )
          }
        >
          {account.active ? t('accounts.deactivate') : t('accounts.reactivate')}
        </button>
        <button
          type="button"
          className="button-small"
          onClick={() => {
            const password = window.prompt(t('accounts.resetPrompt'));
            if (password)
              void run(() =>
                api.post(`/accounts/${account.id}/reset-password`, AccountViewSchema, { password }),
              );
          }}
        >
          {t('accounts.resetPassword')}
        </button>
      </div>
      {editing ? (
        <div>
          <ScopeFields role={account.role} scope={scope} places={places} errors={{}} onChange={setScope} />
          <button
            type="button"
            className="button-primary"
            onClick={() =>
              void run(async () => {
                // Only the fields the role carries: the view also lists an account's home districts.
                await api.patch(
                  `/accounts/${account.id}`,
                  AccountViewSchema,
                  scopeForRole(account.role, scope),
                );
                setEditing(false);
              })
            }
          >
            {t('accounts.saveScope')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Accounts and their scope. Admins manage every role; a dispatcher the drivers of their districts (the
 * server decides: policies.ts), so the role list they are offered is only `driver`.
 */
export function AccountsPage() {
  const { t, describeError } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const roles: readonly Role[] = me.role === 'admin' ? ROLES : ['driver'];
  const [filter, setFilter] = useState<{ role: string; status: string; q: string }>({
    role: '',
    status: '',
    q: '',
  });
  const search = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  const accounts = useQuery({
    queryKey: ['accounts', search.toString()],
    queryFn: ({ signal }) => api.get(`/accounts?${search}`, AccountList, signal),
  });
  const places = usePlaces();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  const list: AccountListType['accounts'] = accounts.data?.accounts ?? [];
  return (
    <>
      <PageTitle>{t('accounts.title')}</PageTitle>
      <h1>{t('accounts.title')}</h1>
      <CreateAccountForm roles={roles} places={places} onCreated={refresh} />
      <section className="card" aria-label={t('accounts.list')}>
        <h2>{t('accounts.list')}</h2>
        <div className="button-row">
          <label>
            {t('accounts.role')}{' '}
            <select value={filter.role} onChange={(e) => setFilter({ ...filter, role: e.target.value })}>
              <option value="">{t('accounts.all')}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('accounts.status')}{' '}
            <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
              <option value="">{t('accounts.all')}</option>
              <option value="active">{t('accounts.active')}</option>
              <option value="inactive">{t('accounts.inactive')}</option>
            </select>
          </label>
          <label>
            {t('accounts.search')}{' '}
            <input
              type="search"
              value={filter.q}
              onChange={(e) => setFilter({ ...filter, q: e.target.value })}
            />
          </label>
        </div>
        {accounts.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(accounts.error)}
          </p>
        ) : !accounts.data ? (
          <Loading />
        ) : (
          <ul className="registry-list">
            {list.map((a) => (
              <AccountRow
                key={`${a.id}-${a.active}-${a.compoundIds.join()}-${a.vehicleId}`}
                account={a}
                places={places}
                onChanged={refresh}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

import type { Role } from '@lastmeter/shared';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAuth, useMe } from './auth.ts';
import { ChangePassword } from './ChangePassword.tsx';
import type { LoginRedirectState } from './login-redirect.ts';
import { ROLE_HOME } from './role-home.ts';

/** Renders the nested routes only for a signed-in user; otherwise goes to the login page and back. */
export function RequireAuth() {
  const auth = useAuth();
  const location = useLocation();
  const { t, describeError } = useI18n();

  if (auth.isPending) return <Loading />;
  if (auth.isError) {
    return (
      <main className="page-centered">
        <p role="alert">{describeError(auth.error)}</p>
        <button type="button" onClick={() => void auth.refetch()}>
          {t('routeError.reload')}
        </button>
      </main>
    );
  }
  if (auth.data.status === 'signed_out') {
    const state: LoginRedirectState = {
      from: `${location.pathname}${location.search}`,
      reason: auth.data.reason,
    };
    return <Navigate to="/login" replace state={state} />;
  }
  if (auth.data.me.mustChangePassword) return <ChangePassword />;
  return <Outlet />;
}

/** A role's area; another role sees a plain "not for you" page instead of a broken one. */
export function RequireRole({ forRole: role }: { forRole: Role }) {
  const me = useMe();
  const { t } = useI18n();
  if (me.role === role) return <Outlet />;
  return (
    <section className="page">
      <PageTitle>{t('forbidden.title')}</PageTitle>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body', { role: t(`role.${role}`) })}</p>
      <p>
        <Link to={ROLE_HOME[me.role]}>{t('page.backHome')}</Link>
      </p>
    </section>
  );
}

/** `/` sends each user to their role's home. */
export function RoleRedirect() {
  const me = useMe();
  return <Navigate to={ROLE_HOME[me.role]} replace />;
}

import { Link, NavLink, Outlet } from 'react-router';
import { useLogout, useMe } from '../features/auth/auth.ts';
import { ROLE_HOME } from '../features/auth/role-home.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx';
import { ConnectionIndicator } from '../realtime/ConnectionIndicator.tsx';
import { useRealtimeConnection } from '../realtime/socket.ts';
import { ROLE_NAV } from './nav.ts';

/** The frame of every signed-in page; mounting it is what opens the realtime connection. */
export function AppShell() {
  const me = useMe();
  const logout = useLogout();
  const { t, describeError } = useI18n();
  useRealtimeConnection();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link className="brand" to={ROLE_HOME[me.role]}>
          <span className="brand-full">{t('app.name')}</span>
          <span className="brand-short">{t('app.shortName')}</span>
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {ROLE_NAV[me.role].map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <ConnectionIndicator />
          <p className="user-name">{t('shell.user', { name: me.displayName, role: t(`role.${me.role}`) })}</p>
          <LanguageSwitcher />
          <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {logout.isPending ? t('shell.loggingOut') : t('shell.logout')}
          </button>
        </div>
      </header>
      {logout.isError ? (
        <p className="alert alert-error banner" role="alert">
          {describeError(logout.error)}
        </p>
      ) : null}
      <main id="main" tabIndex={-1} className="page">
        <Outlet />
      </main>
    </>
  );
}

import { LoginBody } from '@lastmeter/shared';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useAuth, useLogin } from '../../features/auth/auth.ts';
import { LoginRedirectState } from '../../features/auth/login-redirect.ts';
import { isWithinRoleHome, ROLE_HOME } from '../../features/auth/role-home.ts';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { ApiError } from '../../lib/api.ts';

export function LoginPage() {
  const { t, describeError, translateError } = useI18n();
  const auth = useAuth();
  const login = useLogin();
  const parsed = LoginRedirectState.safeParse(useLocation().state);
  const redirect = parsed.success ? parsed.data : null;
  const form = useZodForm(LoginBody, {
    initialValues: { username: '', password: '' },
    onSubmit: (body) => login.mutateAsync(body),
  });

  if (auth.isPending) return <Loading />;
  if (auth.data?.status === 'signed_in') {
    const { role } = auth.data.me;
    const target = redirect && isWithinRoleHome(role, redirect.from) ? redirect.from : ROLE_HOME[role];
    return <Navigate to={target} replace />;
  }

  const error = form.formError;
  const throttledFor =
    error instanceof ApiError && error.code === 'too_many_requests' ? error.retryAfterSeconds : undefined;

  return (
    <div className="login-layout">
      <PageTitle>{t('login.title')}</PageTitle>
      <header className="login-header">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {error ? (
          <p className="alert alert-error" role="alert">
            {describeError(error)}
            {throttledFor === undefined ? null : ` ${t('login.retryAfter', { seconds: throttledFor })}`}
          </p>
        ) : redirect?.reason ? (
          <p className="alert alert-info" role="status">
            {translateError(redirect.reason)}
          </p>
        ) : null}
        <form onSubmit={form.handleSubmit} noValidate>
          <TextField
            {...form.field('username')}
            label={t('login.username')}
            autoComplete="username"
            autoFocus
            required
          />
          <TextField
            {...form.field('password')}
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit" className="button-primary button-block" disabled={form.submitting}>
            {form.submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="demo-hint">{t('login.demoHint')}</p>
      </main>
    </div>
  );
}

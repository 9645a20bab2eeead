import { ChangePasswordBody } from '@lastmeter/shared';
import { useQueryClient } from '@tanstack/react-query';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { recheckSession } from './auth.ts';

/**
 * Shown instead of every page while the account's password was reset (or is a new account's first
 * one): the server refuses everything else until a new one is chosen (`password_change_required`).
 */
export function ChangePassword() {
  const { t, describeError } = useI18n();
  const queryClient = useQueryClient();
  const form = useZodForm(ChangePasswordBody, {
    initialValues: { currentPassword: '', newPassword: '' },
    onSubmit: async (body) => {
      await api.command('POST', '/auth/password', body);
      await recheckSession(queryClient);
    },
  });
  return (
    <main className="page-centered">
      <PageTitle>{t('password.title')}</PageTitle>
      <form className="card" onSubmit={form.handleSubmit} noValidate>
        <h1>{t('password.title')}</h1>
        <p>{t('password.intro')}</p>
        <TextField
          {...form.field('currentPassword')}
          type="password"
          autoComplete="current-password"
          label={t('password.current')}
        />
        <TextField
          {...form.field('newPassword')}
          type="password"
          autoComplete="new-password"
          label={t('password.new')}
          hint={t('password.hint')}
        />
        {form.formError ? (
          <p className="alert alert-error" role="alert">
            {describeError(form.formError)}
          </p>
        ) : null}
        <button type="submit" disabled={form.submitting}>
          {t('password.submit')}
        </button>
      </form>
    </main>
  );
}

import { useI18n } from '../i18n/I18nProvider.tsx';

/** A list that failed to load: what went wrong in the user's words, and a way to try again. */
export function ErrorWithRetry({ error, retry }: { error: unknown; retry: () => void }) {
  const { t, describeError } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{describeError(error)}</p>
      <button type="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

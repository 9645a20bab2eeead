import { useT } from '../i18n/I18nProvider.tsx';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

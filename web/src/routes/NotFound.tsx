import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { useT } from '../i18n/I18nProvider.tsx';

export function NotFound() {
  const t = useT();
  return (
    <section>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('page.backHome')}</Link>
      </p>
    </section>
  );
}

import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { NotFound } from './NotFound.tsx';

/**
 * Last line for errors thrown while rendering or loading a route. The usual cause after a deploy is a
 * page chunk that no longer exists, which a reload fixes.
 */
export function RouteError() {
  const error = useRouteError();
  const { t, describeError } = useI18n();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <main id="main" className="page">
        <NotFound />
      </main>
    );
  }
  return (
    <main id="main" className="page page-centered">
      <PageTitle>{t('routeError.title')}</PageTitle>
      <h1>{t('routeError.title')}</h1>
      <p role="alert">{describeError(error)}</p>
      <button type="button" className="button-primary" onClick={() => window.location.reload()}>
        {t('routeError.reload')}
      </button>
    </main>
  );
}

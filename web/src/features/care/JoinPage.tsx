import type { OnlineVisitJoinView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDay } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { ApiError } from '../../lib/api.ts';
import { joinLinkQuery } from './api.ts';
import '../public/public.css';

/**
 * Behind the join link the gatekeeper passes on: the family sees with which hospital and when the
 * online visit is, and — looked up again every 20 s — when the doctor has started it. No login, no identity.
 */
export function JoinPage() {
  const { t, describeError } = useI18n();
  const token = useParams().token ?? '';
  const view = useQuery(joinLinkQuery(token));
  let body: ReactNode;
  if (view.isPending) body = <Loading />;
  else if (view.isError) {
    const gone = view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 400);
    body = (
      <p className="alert alert-error" role="alert">
        {gone ? t('join.gone') : describeError(view.error)}
      </p>
    );
  } else body = <JoinDetails view={view.data} />;
  return (
    <div className="login-layout public-layout">
      <PageTitle>{t('join.title')}</PageTitle>
      <header className="login-header">
        <p className="brand">最后一米 Last Meter</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-card">
        <h1>{t('join.title')}</h1>
        {body}
      </main>
    </div>
  );
}

function JoinDetails({ view }: { view: OnlineVisitJoinView }) {
  const { t, formatTime, locale } = useI18n();
  const phase =
    view.status === 'booked'
      ? t('join.waiting', { time: formatTime(view.startsAt) })
      : view.status === 'in_progress'
        ? t('join.started')
        : view.status === 'cancelled'
          ? t('join.cancelled')
          : t('join.ended');
  return (
    <>
      <p className="track-phase" aria-live="polite" data-status={view.status}>
        {phase}
      </p>
      <dl className="visit-facts">
        <div>
          <dt>{t('join.hospital')}</dt>
          <dd>{view.hospitalName}</dd>
        </div>
        <div>
          <dt>{t('care.card.department')}</dt>
          <dd>{t(`service.${view.service}`)}</dd>
        </div>
        <div>
          <dt>{t('join.time')}</dt>
          <dd>
            {formatDay(view.startsAt, locale)} {formatTime(view.startsAt)}–{formatTime(view.endsAt)}
          </dd>
        </div>
        <div>
          <dt>{t('care.card.phone')}</dt>
          <dd>{view.hospitalPhone ? <a href={`tel:${view.hospitalPhone}`}>{view.hospitalPhone}</a> : '—'}</dd>
        </div>
      </dl>
      <p className="muted">{t('join.howTo')}</p>
    </>
  );
}

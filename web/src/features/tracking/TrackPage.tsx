import type { TrackView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { ApiError } from '../../lib/api.ts';
import { usePublicT } from '../public/messages.ts';
import { trackQuery } from './api.ts';
import { TrackMap } from './TrackMap.tsx';
import '../public/public.css';

/** The family's view of one round trip, behind the link the gatekeeper gave them: no login. */
export function TrackPage() {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const token = useParams().token ?? '';
  const view = useQuery(trackQuery(token));

  let body: ReactNode;
  if (view.isPending) body = <Loading />;
  else if (view.isError) {
    const gone = view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 400);
    body = (
      <p className="alert alert-error" role="alert">
        {gone ? pt('track.gone') : describeError(view.error)}
      </p>
    );
  } else body = <TrackDetails view={view.data} />;

  return (
    <div className="login-layout public-layout">
      <PageTitle>{pt('track.title')}</PageTitle>
      <header className="login-header">
        <p className="brand">最后一米 Last Meter</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-card">
        <h1>{pt('track.title')}</h1>
        {body}
      </main>
    </div>
  );
}

function TrackDetails({ view }: { view: TrackView }) {
  const { formatTime, formatDateTime } = useI18n();
  const pt = usePublicT();
  const live =
    view.outbound.vehicle?.lng != null
      ? view.outbound
      : view.return?.vehicle?.lng != null
        ? view.return
        : null;
  const time = (iso: string | null) => (iso ? formatTime(iso) : '—');
  return (
    <>
      <p className="track-phase" aria-live="polite" data-phase={view.phase}>
        {pt(`track.phase.${view.phase}`)}
      </p>
      <dl className="facts">
        <dt>{pt('track.patient')}</dt>
        <dd>{view.patient}</dd>
        <dt>{pt('track.pickup')}</dt>
        <dd>
          {view.date} {time(view.outbound.plannedPickupAt)}
        </dd>
        <dt>{pt('track.gate')}</dt>
        <dd>{view.gate.name}</dd>
        <dt>{pt('track.hospital')}</dt>
        <dd>{view.hospital.name}</dd>
        <dt>{pt('track.vehicle')}</dt>
        <dd>{(live ?? view.outbound).vehicle?.plate ?? '—'}</dd>
        {live?.etaAt ? (
          <>
            <dt>{pt('track.eta')}</dt>
            <dd data-testid="track-eta">{time(live.etaAt)}</dd>
          </>
        ) : null}
        <dt>{pt('track.return')}</dt>
        <dd>
          {view.return?.plannedPickupAt ? time(view.return.plannedPickupAt) : pt('track.returnPending')}
          {view.return?.vehicle && view.return.vehicle.plate !== view.outbound.vehicle?.plate
            ? ` · ${view.return.vehicle.plate}`
            : ''}
        </dd>
      </dl>
      <h2>{pt('track.position')}</h2>
      {live?.vehicle?.seenAt ? (
        <p className="public-note">{pt('track.seenAt', { time: formatDateTime(live.vehicle.seenAt) })}</p>
      ) : (
        <p className="public-note">{pt('track.noPosition')}</p>
      )}
      <TrackMap view={view} />
      <p className="hotline-rule" role="note">
        {pt('crowding.hotline')} <a href={`tel:${view.hotline}`}>{view.hotline}</a>
      </p>
    </>
  );
}

import { CROWDING_COLORS, CrowdingBoard, type CrowdingBoardEntry } from '@lastmeter/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { api } from '../../lib/api.ts';
import { usePublicT } from './messages.ts';
import './public.css';

/** Hospitals change their level a few times a day; a phone left open follows within this. */
const REFRESH_MS = 15_000;

const crowdingQuery = queryOptions({
  queryKey: ['public', 'crowding'],
  queryFn: ({ signal }) => api.get('/public/crowding', CrowdingBoard, signal),
  refetchInterval: REFRESH_MS,
});

/** The public emergency-crowding board (seed 002): no login, no personal data. */
export function CrowdingBoardPage() {
  const { locale, describeError, formatDateTime } = useI18n();
  const pt = usePublicT();
  const board = useQuery(crowdingQuery);
  const [emergencyOnly, setEmergencyOnly] = useState(false);
  const [positiveOnly, setPositiveOnly] = useState(false);

  let body: ReactNode;
  if (board.isPending) body = <Loading />;
  else if (board.isError)
    body = (
      <p className="alert alert-error" role="alert">
        {describeError(board.error)}
      </p>
    );
  else {
    const shown = board.data.hospitals.filter(
      (h) => (!emergencyOnly || h.emergency) && (!positiveOnly || h.acceptsPositive),
    );
    body = (
      <>
        <p className="public-note" aria-live="polite">
          {pt('crowding.updatedAt', {
            time: board.data.updatedAt ? formatDateTime(board.data.updatedAt) : pt('crowding.never'),
          })}{' '}
          · {pt('crowding.refreshing')}
        </p>
        {shown.length === 0 ? (
          <p>{pt('crowding.none')}</p>
        ) : (
          <ul className="crowding-list">
            {shown.map((h) => (
              <HospitalRow key={h.hospitalId} hospital={h} locale={locale} />
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <div className="login-layout public-layout">
      <PageTitle>{pt('crowding.title')}</PageTitle>
      <header className="login-header public-wide">
        <p className="brand">最后一米 Last Meter</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-card public-wide">
        <h1>{pt('crowding.title')}</h1>
        <p>{pt('crowding.intro')}</p>
        <p className="hotline-rule" role="note">
          {pt('crowding.hotline')} <a href="tel:12320">12320</a>
        </p>
        <div className="crowding-filters">
          <label>
            <input
              type="checkbox"
              checked={emergencyOnly}
              onChange={(e) => setEmergencyOnly(e.target.checked)}
            />{' '}
            {pt('crowding.filterEmergency')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={positiveOnly}
              onChange={(e) => setPositiveOnly(e.target.checked)}
            />{' '}
            {pt('crowding.filterPositive')}
          </label>
        </div>
        {body}
        <p className="public-note">
          {pt('crowding.feeds', {
            json: '/api/v1/public/crowding',
            geojson: '/api/v1/public/crowding.geojson',
          })}
        </p>
      </main>
    </div>
  );
}

function HospitalRow({ hospital: h, locale }: { hospital: CrowdingBoardEntry; locale: 'zh-CN' | 'en' }) {
  const pt = usePublicT();
  const level = CROWDING_COLORS[h.crowding];
  return (
    <li className="crowding-item" data-hospital={h.hospitalId} data-crowding={h.crowding}>
      <span className="crowding-level" data-color={level.color} style={{ background: level.hex }}>
        <span className="visually-hidden">{pt('crowding.level')}: </span>
        {locale === 'en' ? level.en : level.zh}
      </span>
      <div>
        <h2>{h.name}</h2>
        <div className="crowding-tags">
          <span className="badge" data-warn={h.status === 'diverting'}>
            {h.status === 'diverting' ? pt('crowding.diverting') : pt('crowding.open')}
          </span>
          <span className="badge">
            {h.acceptsPositive ? pt('crowding.positive') : pt('crowding.noPositive')}
          </span>
          {h.emergency && <span className="badge">{pt('crowding.emergency')}</span>}
        </div>
        <p className="public-note">
          {h.address}
          {h.phone && (
            <>
              {' '}
              · <a href={`tel:${h.phone}`}>{h.phone}</a>
            </>
          )}
        </p>
      </div>
    </li>
  );
}

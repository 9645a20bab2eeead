import type { OnlineVisitView } from '@lastmeter/shared';
import { useId, useRef } from 'react';
import { formatDay } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { VisitChanges } from './VisitChanges.tsx';

/** The join link as the family types or scans it: absolute, from this site. */
export function joinUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * An online visit as the gatekeeper passes it on: when, with which hospital, the join link and a sentence
 * to read out over the phone; printed on its own (the rest of the page is hidden while printing).
 */
export function VisitCard({ visit }: { visit: OnlineVisitView }) {
  const { t, formatTime, locale } = useI18n();
  const headingId = useId();
  const card = useRef<HTMLElement>(null);
  const time = `${formatDay(visit.startsAt, locale)} ${formatTime(visit.startsAt)}–${formatTime(visit.endsAt)}`;
  const link = visit.joinPath ? joinUrl(visit.joinPath) : null;
  const print = () => {
    card.current?.classList.add('printing-this');
    document.body.classList.add('printing-card');
    window.print();
    document.body.classList.remove('printing-card');
    card.current?.classList.remove('printing-this');
  };
  return (
    <article className="card visit-card" aria-labelledby={headingId} ref={card} data-status={visit.status}>
      <h3 id={headingId}>
        {t('care.card.title', { hospital: visit.hospitalName })}{' '}
        <span className="badge">{t(`visitStatus.${visit.status}`)}</span>
      </h3>
      <p className="visit-time">
        <strong>{time}</strong>
      </p>
      <dl className="visit-facts">
        <div>
          <dt>{t('care.card.patient')}</dt>
          <dd>{visit.patientName}</dd>
        </div>
        <div>
          <dt>{t('care.card.department')}</dt>
          <dd>{t(`service.${visit.service}`)}</dd>
        </div>
        <div>
          <dt>{t('care.card.phone')}</dt>
          <dd>{visit.hospitalPhone || '—'}</dd>
        </div>
        {link ? (
          <div>
            <dt>{t('care.card.link')}</dt>
            <dd>
              <a href={link} className="join-link">
                {link}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="read-out">
        <span className="muted">{t('care.card.readOutLabel')}</span>{' '}
        {t('care.card.readOut', {
          patient: visit.patientName,
          time,
          hospital: visit.hospitalName,
          department: t(`service.${visit.service}`),
        })}
      </p>
      <button type="button" className="no-print" onClick={print}>
        {t('care.card.print')}
      </button>
      <VisitChanges visit={visit} />
    </article>
  );
}

import { ONLINE_VISIT_OUTCOMES, type OnlineVisitOutcome, type OnlineVisitView } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { useSocketEvent } from '../../realtime/socket.ts';
import { cityLocalToIso } from '../dispatch/time.ts';
import { careKeys, hospitalVisitsQuery, isCareEvent, useRecordOutcome, useStartVisit } from './api.ts';
import { joinUrl } from './VisitCard.tsx';
import { VisitChanges } from './VisitChanges.tsx';

const DESK_OUTCOMES: readonly OnlineVisitOutcome[] = ONLINE_VISIT_OUTCOMES;

/**
 * The hospital desk's online visits of the day, by time: start a booked one (the join link opens the
 * consultation), then record how it ended — done, no answer, the patient must come (a trip request is
 * raised for the appointment given here, which dispatch plans), or a prescription issued (its medicines
 * are delivered to the compound gate).
 */
export function OnlineVisitsBoard({ hospitalId, date }: { hospitalId: string; date: string }) {
  const { t, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const visits = useQuery(hospitalVisitsQuery(hospitalId, date));
  const start = useStartVisit();
  useSocketEvent('event', (event) => {
    if (isCareEvent(event))
      void queryClient.invalidateQueries({ queryKey: careKeys.hospital(hospitalId, date) });
  });
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('hospital.visits.title')}</h2>
      {start.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(start.error)}
        </p>
      ) : null}
      {visits.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(visits.error)}
        </p>
      ) : !visits.data ? (
        <Loading />
      ) : visits.data.items.length === 0 ? (
        <p className="muted">{t('hospital.visits.empty')}</p>
      ) : (
        <ul className="queue-list online-visits">
          {visits.data.items.map((visit) => (
            <li key={visit.id} data-visit={visit.id} data-status={visit.status}>
              <div>
                <strong>
                  {formatTime(visit.startsAt)}–{formatTime(visit.endsAt)}
                </strong>{' '}
                {visit.patientName} · {t(`service.${visit.service}`)}
                <span className="muted block">
                  {t(`visitStatus.${visit.status}`)}
                  {visit.note ? ` · ${visit.note}` : ''}
                </span>
                {visit.joinPath && (visit.status === 'booked' || visit.status === 'in_progress') ? (
                  <a
                    className="join-link block"
                    href={joinUrl(visit.joinPath)}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('hospital.visits.join')}
                  </a>
                ) : null}
                <VisitChanges visit={visit} />
              </div>
              {visit.status === 'booked' ? (
                <button
                  type="button"
                  className="button-primary"
                  disabled={start.isPending && start.variables === visit.id}
                  onClick={() => start.mutate(visit.id)}
                >
                  {t('hospital.visits.start')}
                </button>
              ) : visit.status === 'in_progress' ? (
                <OutcomeForm visit={visit} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OutcomeForm({ visit }: { visit: OnlineVisitView }) {
  const { t, describeError } = useI18n();
  const id = useId();
  const record = useRecordOutcome();
  const [outcome, setOutcome] = useState<OnlineVisitOutcome>('done');
  const [appointment, setAppointment] = useState('');
  const [items, setItems] = useState([{ name: '', quantity: '' }]);
  const setItem = (index: number, change: Partial<{ name: string; quantity: string }>) =>
    setItems((list) => list.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const [note, setNote] = useState('');
  const issue = (path: string) =>
    record.error instanceof ApiError ? record.error.issues.find((i) => i.path === path)?.message : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({
      visitId: visit.id,
      body:
        outcome === 'needs_on_site'
          ? // The desk types the city's wall-clock time.
            { outcome, note, appointmentAt: appointment ? cityLocalToIso(appointment) : '' }
          : outcome === 'prescription_issued'
            ? { outcome, note, items }
            : { outcome, note },
    });
  };
  const appointmentError = issue('body.appointmentAt');
  return (
    <form className="outcome-form" onSubmit={submit} aria-label={t('hospital.visits.outcome')}>
      <fieldset>
        <legend className="visually-hidden">{t('hospital.visits.outcome')}</legend>
        {DESK_OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />{' '}
            {t(`visitStatus.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'needs_on_site' ? (
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('hospital.visits.appointment')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            required
            value={appointment}
            onChange={(e) => setAppointment(e.target.value)}
            aria-invalid={appointmentError ? true : undefined}
            aria-describedby={appointmentError ? `${id}-at-error` : undefined}
          />
          {appointmentError ? (
            <p className="field-error" id={`${id}-at-error`}>
              {appointmentError}
            </p>
          ) : null}
        </div>
      ) : null}
      {outcome === 'prescription_issued' ? (
        <fieldset className="prescription-items">
          <legend>{t('hospital.visits.medicines')}</legend>
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are only added at the end, never reordered
            <div className="field inline" key={index}>
              <label>
                {t('hospital.visits.medicine', { n: index + 1 })}
                <input
                  value={item.name}
                  required
                  maxLength={100}
                  onChange={(e) => setItem(index, { name: e.target.value })}
                  aria-invalid={issue(`body.items.${index}.name`) ? true : undefined}
                />
              </label>
              <label>
                {t('hospital.visits.quantity', { n: index + 1 })}
                <input
                  value={item.quantity}
                  required
                  maxLength={40}
                  onChange={(e) => setItem(index, { quantity: e.target.value })}
                  aria-invalid={issue(`body.items.${index}.quantity`) ? true : undefined}
                />
              </label>
            </div>
          ))}
          <button type="button" onClick={() => setItems((list) => [...list, { name: '', quantity: '' }])}>
            {t('hospital.visits.addMedicine')}
          </button>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('hospital.visits.note')}</label>
        <textarea id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      {record.isError && !appointmentError ? (
        <p className="alert alert-error" role="alert">
          {describeError(record.error)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={record.isPending}>
        {t('hospital.visits.record')}
      </button>
    </form>
  );
}

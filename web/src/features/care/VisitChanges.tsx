import type { OnlineVisitView } from '@lastmeter/shared';
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { cityLocalToIso, isoToCityLocal } from '../dispatch/time.ts';
import { useCancelVisit, useRescheduleVisit } from './api.ts';

/**
 * Moving or cancelling a booked online visit, for the gatekeeper (the family asks) and the hospital
 * desk (the doctor cannot): the server gives the first free place from the time asked, and the family
 * is sent the new time or the cancellation. Cancelling asks once more before it is done.
 */
export function VisitChanges({ visit }: { visit: OnlineVisitView }) {
  const { t, describeError } = useI18n();
  const id = useId();
  const move = useRescheduleVisit();
  const cancel = useCancelVisit();
  const [at, setAt] = useState(() => isoToCityLocal(visit.startsAt));
  const [confirming, setConfirming] = useState(false);
  if (visit.status !== 'booked') return null;
  const atError =
    move.error instanceof ApiError
      ? move.error.issues.find((i) => i.path === 'body.startsAt')?.message
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate({ visitId: visit.id, startsAt: cityLocalToIso(at) });
  };
  const error = (move.isError && !atError ? move.error : null) ?? (cancel.isError ? cancel.error : null);
  return (
    <details className="visit-changes no-print">
      <summary>{t('care.change.title')}</summary>
      <form onSubmit={submit} aria-label={t('care.change.move')}>
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('care.change.newTime')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            required
            value={at}
            onChange={(e) => setAt(e.target.value)}
            aria-invalid={atError ? true : undefined}
            aria-describedby={atError ? `${id}-at-error` : `${id}-at-hint`}
          />
          {atError ? (
            <p className="field-error" id={`${id}-at-error`}>
              {atError}
            </p>
          ) : (
            <p className="muted" id={`${id}-at-hint`}>
              {t('care.change.hint')}
            </p>
          )}
        </div>
        <button type="submit" className="button-primary" disabled={move.isPending}>
          {t('care.change.move')}
        </button>
      </form>
      {confirming ? (
        <p>
          {t('care.change.confirmCancel')}{' '}
          <button
            type="button"
            className="button-danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ visitId: visit.id, note: '' })}
          >
            {t('care.change.cancelYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('care.change.cancelNo')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('care.change.cancel')}
        </button>
      )}
      {error ? (
        <p className="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
    </details>
  );
}

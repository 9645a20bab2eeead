import { type LegView, leavesVehicleDirty, REFUSAL_REASONS } from '@lastmeter/shared';
import { useId, useState } from 'react';
import { cityTimeZone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useNow } from '../../lib/use-now.ts';
import { RefusalRights } from '../complaints/RefusalRights.tsx';
import { InfectionBadge } from '../patients/InfectionBadge.tsx';
import { NotOpen } from './NotOpen.tsx';
import type { StepBody } from './offline-queue.ts';
import { PROTECTION_TEXT } from './protection.ts';
import { currentStop, type DriverStep, driverStepRefusal, nextSteps, plannedAt } from './steps.ts';

export interface ShownJob {
  leg: LegView;
  /** Steps taken on this phone that the server has not confirmed yet. */
  pendingSync: number;
}

type Report = (leg: LegView, step: DriverStep, extra?: Partial<StepBody>) => void;

export function navigationLinks(stop: { lng: number; lat: number; name: string }) {
  const to = `${stop.lng},${stop.lat},${encodeURIComponent(stop.name)}`;
  return {
    amap: `https://uri.amap.com/navigation?to=${to}&mode=car&coordinate=wgs84&callnative=1`,
    geo: `geo:${stop.lat},${stop.lng}?q=${stop.lat},${stop.lng}(${encodeURIComponent(stop.name)})`,
  };
}

/** A phone number as a `tel:` link (spaces and dashes dropped), or null when there is none. */
function telLink(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, '');
  return /^\+?\d{3,}$/.test(digits) ? `tel:${digits}` : null;
}

/**
 * The job at hand, for a phone in a holder: when (with the date when not today), where to, and the one
 * big next step on the first screen; then calls, navigation, who and what protection.
 */
export function JobCard({ job, report }: { job: ShownJob; report: Report }) {
  const { t, formatTime, formatOtherDay } = useI18n();
  const { leg } = job;
  const headingId = useId();
  const outbound = leg.direction === 'outbound';
  const steps = nextSteps(leg);
  const now = new Date(useNow());
  const closed = (step: DriverStep) => driverStepRefusal(leg, step, now, cityTimeZone());
  // A step the clock keeps closed (a job of another day) is not offered: the card says when it opens.
  const notOpen = steps.primary ? closed(steps.primary) : null;
  const primary = notOpen ? null : steps.primary;
  const secondary = steps.secondary.filter((step) => !closed(step));
  const stop = currentStop(leg);
  const links = navigationLinks(stop);
  const pickupAt = plannedAt(leg, 'pickup');
  const dropoffAt = plannedAt(leg, 'dropoff');
  const otherDay = pickupAt ? formatOtherDay(pickupAt) : null;
  const emergency = leg.urgency === 'emergency';
  const callGate = telLink(leg.contacts.gate);
  const callHospital = telLink(leg.contacts.hospitalDesk);
  const pickupName = outbound
    ? `${leg.compound.name} · ${leg.gate.name}`
    : `${leg.hospital.name} · ${t('driver.entrance')}`;
  const dropoffName = outbound
    ? `${leg.hospital.name} · ${t('driver.entrance')}`
    : `${leg.compound.name} · ${leg.gate.name}`;

  return (
    <article
      className="job-card"
      aria-labelledby={headingId}
      data-status={leg.status}
      data-version={leg.version}
      data-urgency={leg.urgency}
      data-other-day={otherDay ? true : undefined}
    >
      <header className="job-header">
        {emergency ? <span className="badge badge-emergency">{t('urgency.emergency')}</span> : null}
        <h2 id={headingId}>{t(outbound ? 'driver.outbound' : 'driver.return')}</h2>
        <span className="badge" data-status={leg.status}>
          {t(`legStatus.${leg.status}`)}
        </span>
        {job.pendingSync > 0 ? (
          <span className="badge badge-pending" role="status">
            {t('driver.pendingSync')}
          </span>
        ) : null}
      </header>
      {otherDay ? <p className="job-day">{t('driver.notToday', { day: otherDay })}</p> : null}

      <ol className="job-stops">
        <li data-current={stop.kind === 'pickup' ? true : undefined}>
          <span className="stop-label">{t('driver.pickup')}</span>
          <strong>{pickupName}</strong>
          {pickupAt ? <time dateTime={pickupAt}>{formatTime(pickupAt)}</time> : null}
        </li>
        <li data-current={stop.kind === 'dropoff' ? true : undefined}>
          <span className="stop-label">{t('driver.dropoff')}</span>
          <strong>{dropoffName}</strong>
          {dropoffAt ? <time dateTime={dropoffAt}>{formatTime(dropoffAt)}</time> : null}
        </li>
      </ol>

      {steps.waitingFor ? (
        <p className="alert alert-info" role="status">
          {t(`driver.waiting.${steps.waitingFor}`)}
        </p>
      ) : null}
      {notOpen ? <NotOpen refusal={notOpen} /> : null}
      {primary ? (
        <button
          type="button"
          className="button-primary button-huge button-block job-primary"
          onClick={() => report(leg, primary)}
        >
          {t(`driver.step.${primary}`)}
        </button>
      ) : null}

      <p className="job-nav">
        <a className="button-link button-primary" href={links.amap} target="_blank" rel="noreferrer">
          {t('driver.navigate', { place: stop.name })}
        </a>
        <a className="button-link" href={links.geo}>
          {t('driver.openMap')}
        </a>
      </p>
      {callGate || callHospital ? (
        <p className="job-calls">
          {callGate ? (
            <a className="button-link" href={callGate}>
              {t('driver.callGate')}
            </a>
          ) : null}
          {callHospital ? (
            <a className="button-link" href={callHospital}>
              {t('driver.callHospital')}
            </a>
          ) : null}
        </p>
      ) : null}

      <dl className="facts job-patient">
        <dt>{t('driver.patient')}</dt>
        <dd>{leg.patient.name}</dd>
        <dt>{t('patient.mobility')}</dt>
        <dd>{t(`mobility.${leg.patient.mobility}`)}</dd>
        <dt>{t('patient.companions')}</dt>
        <dd>{t('patient.companionCount', { count: leg.patient.companions })}</dd>
        <dt>{t('patient.infectionClass')}</dt>
        <dd>
          <InfectionBadge infectionClass={leg.patient.infectionClass} />
        </dd>
        <dt>{t('driver.protection')}</dt>
        <dd className={leg.patient.protection === 'standard' ? undefined : 'protection-strong'}>
          {t(PROTECTION_TEXT[leg.patient.protection])}
        </dd>
        {leavesVehicleDirty(leg.patient, leg.compound) ? (
          <>
            <dt>{t('driver.afterwards')}</dt>
            <dd className="protection-strong">{t('driver.disinfect')}</dd>
          </>
        ) : null}
        {leg.vehicle ? (
          <>
            <dt>{t('driver.vehicle')}</dt>
            <dd>{leg.vehicle.plate}</dd>
          </>
        ) : null}
      </dl>

      <div className="job-secondary">
        {secondary.map((step) => (
          <SecondaryStep key={step} step={step} leg={leg} report={report} />
        ))}
      </div>
    </article>
  );
}

/** Decline, no-show and refusal change the plan for others: each asks for a reason or a confirmation first. */
function SecondaryStep({ step, leg, report }: { step: DriverStep; leg: LegView; report: Report }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  if (!open) {
    return (
      <button type="button" className="button-danger-outline" onClick={() => setOpen(true)}>
        {t(`driver.step.${step}`)}
      </button>
    );
  }
  const close = () => {
    setOpen(false);
    setReason('');
    setNote('');
    setMissing(false);
  };
  return (
    <form
      className="step-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if ((step === 'decline' || step === 'refuse') && !reason.trim()) {
          setMissing(true);
          return;
        }
        if (step === 'decline') report(leg, step, { reason: reason.trim() });
        else if (step === 'refuse') {
          const chosen = REFUSAL_REASONS.find((candidate) => candidate === reason);
          if (chosen) report(leg, step, { reason: chosen, note: note.trim() });
        } else report(leg, step, note.trim() ? { note: note.trim() } : {});
        close();
      }}
    >
      <h3>{t(`driver.step.${step}`)}</h3>
      {step === 'decline' ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('driver.declineReason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            maxLength={300}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
          />
        </div>
      ) : null}
      {step === 'refuse' ? (
        <>
          <fieldset className="field" aria-describedby={missing ? `${id}-error` : undefined}>
            <legend>{t('driver.refuseReason')}</legend>
            {REFUSAL_REASONS.map((option) => (
              <label key={option} className="radio">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={option}
                  checked={reason === option}
                  onChange={() => {
                    setReason(option);
                    setMissing(false);
                  }}
                />
                {t(`driver.refusal.${option}`)}
              </label>
            ))}
          </fieldset>
          <p className="field-hint">{t('driver.refuseHint')}</p>
          <RefusalRights />
        </>
      ) : null}
      {step === 'no_show' ? <p>{t('driver.noShowConfirm')}</p> : null}
      {step !== 'decline' ? (
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('driver.note')}</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      ) : null}
      {missing ? (
        <p id={`${id}-error`} className="field-error">
          {t('form.required')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-danger">
          {t('driver.confirm', { step: t(`driver.step.${step}`) })}
        </button>
        <button type="button" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import type { PatientView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { rosterQuery, useRejectPatient, useVerifyPatient } from '../patients/api.ts';
import { relationLabel } from '../patients/consent.ts';
import { describeNeed } from '../patients/describe-need.ts';
import { InfectionBadge } from '../patients/InfectionBadge.tsx';
import { RevealIdentity } from '../patients/RevealIdentity.tsx';
import { useRegistryLive } from '../patients/use-registry-live.ts';

/** Self-registrations waiting for the gatekeeper: verified ones reach planning, rejected ones keep the reason. */
export function PendingVerifications({ compoundId }: { compoundId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const pending = useQuery(rosterQuery(compoundId, { status: 'pending' }));
  useRegistryLive();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('selfReg.pendingTitle')}</h2>
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorWithRetry error={pending.error} retry={() => void pending.refetch()} />
      ) : pending.data.items.length === 0 ? (
        <p className="empty">{t('selfReg.noPending')}</p>
      ) : (
        <ul className="plain-list pending-list">
          {pending.data.items.map((patient) => (
            <PendingItem key={patient.id} patient={patient} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingItem({ patient }: { patient: PatientView }) {
  const { t, describeError, formatDateTime } = useI18n();
  const id = useId();
  const verify = useVerifyPatient();
  const reject = useRejectPatient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const error = verify.error ?? reject.error;

  return (
    <li className="pending-item">
      <div>
        <strong>{patient.name}</strong> ·{' '}
        {[patient.building, patient.unit, patient.room].filter(Boolean).join(' ')}
        <div>
          {patient.needs.map((need) => describeNeed(need, t)).join('；')} ·{' '}
          {t(`mobility.${patient.mobility}`)} · <InfectionBadge infectionClass={patient.infectionClass} />
        </div>
        <RevealIdentity patientId={patient.id} nationalId={patient.nationalId} phone={patient.phone} />
        <div className="muted">
          {t('selfReg.submittedAt', { at: formatDateTime(patient.createdAt) })}
          {patient.consent
            ? ` · ${t('patient.consentOnRecord', { givenBy: patient.consent.givenBy, relation: relationLabel(patient.consent.relation, t) })}`
            : ''}
        </div>
      </div>
      <div className="pending-actions">
        <button
          type="button"
          className="button-primary"
          disabled={verify.isPending || reject.isPending}
          onClick={() => verify.mutate(patient.id)}
        >
          {t('selfReg.verify')}
        </button>
        {rejecting ? (
          <form
            className="reject-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) {
                setReasonMissing(true);
                return;
              }
              reject.mutate({ patientId: patient.id, reason: reason.trim() });
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('selfReg.rejectReason')}</label>
              <input
                id={`${id}-reason`}
                value={reason}
                maxLength={200}
                aria-invalid={reasonMissing ? true : undefined}
                aria-describedby={reasonMissing ? `${id}-reason-error` : undefined}
                onChange={(event) => {
                  setReason(event.target.value);
                  setReasonMissing(false);
                }}
              />
              {reasonMissing ? (
                <p id={`${id}-reason-error`} className="field-error">
                  {t('form.required')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button-danger" disabled={reject.isPending}>
              {t('selfReg.confirmReject')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setRejecting(true)}>
            {t('selfReg.reject')}
          </button>
        )}
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
    </li>
  );
}

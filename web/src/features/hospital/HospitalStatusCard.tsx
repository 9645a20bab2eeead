import {
  CROWDING_LEVELS,
  HOSPITAL_STATUSES,
  type Hospital,
  type HospitalStatusBody,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { hospitalKeys } from './queries.ts';

/** Crowding and open/diverting: dispatch's matching reads both, so a change takes effect at once. */
export function HospitalStatusCard({ hospital }: { hospital: Hospital }) {
  const { t, describeError } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const update = useMutation({
    mutationFn: (
      body: HospitalStatusBody, // The web client has no PUT-with-answer verb; the refetch below brings the new record.
    ) => api.command('PUT', `/hospitals/${hospital.id}/status`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hospitalKeys.hospital(hospital.id) }),
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{hospital.name}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-crowding`}>{t('hospital.crowdingLabel')}</label>
          <select
            id={`${id}-crowding`}
            value={hospital.crowding}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ crowding: e.target.value as Hospital['crowding'] })}
          >
            {CROWDING_LEVELS.map((c) => (
              <option key={c} value={c}>
                {t(`crowding.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('hospital.statusLabel')}</label>
          <select
            id={`${id}-status`}
            value={hospital.status}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ status: e.target.value as Hospital['status'] })}
          >
            {HOSPITAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`hospital.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {hospital.status === 'diverting' ? (
        <p className="alert alert-error">{t('hospital.divertingNote')}</p>
      ) : null}
      {update.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(update.error)}
        </p>
      ) : null}
      {update.isSuccess ? (
        <p className="alert alert-info" role="status">
          {t('hospital.saved')}
        </p>
      ) : null}
    </section>
  );
}

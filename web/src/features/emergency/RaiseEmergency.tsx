import { RequestView, SERVICES, type Service } from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { rosterQuery } from '../patients/api.ts';

/**
 * An emergency raised from the web by the compound's gatekeeper or the district's dispatcher: the
 * same request the API takes (`POST /patients/{id}/requests`, urgency `emergency`), which alerts dispatch.
 */
export function RaiseEmergency({ compounds }: { compounds: readonly { id: string; name: string }[] }) {
  const { t, describeError } = useI18n();
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [compoundId, setCompoundId] = useState(compounds.length === 1 ? (compounds[0]?.id ?? '') : '');
  const [patientId, setPatientId] = useState('');
  const [service, setService] = useState<Service>('emergency');
  const [missing, setMissing] = useState(false);
  const roster = useQuery({
    ...rosterQuery(compoundId, { status: 'active' }),
    enabled: open && !!compoundId,
  });
  const raise = useMutation({
    mutationFn: () =>
      api.post(`/patients/${patientId}/requests`, RequestView, { urgency: 'emergency', service }),
    onSuccess: () => {
      setPatientId('');
      void queryClient.invalidateQueries();
    },
  });

  if (!open) {
    return (
      <div className="emergency-raise">
        {raise.isSuccess ? (
          <p className="alert alert-info" role="status">
            {t('emergency.raised', { name: raise.data.patientName })}
          </p>
        ) : null}
        <button type="button" className="button-danger" onClick={() => setOpen(true)}>
          {t('emergency.raise')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="emergency-raise emergency-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!patientId) {
          setMissing(true);
          return;
        }
        raise.mutate(undefined, { onSuccess: () => setOpen(false) });
      }}
    >
      <h2 id={`${id}-title`}>{t('emergency.title')}</h2>
      {compounds.length > 1 ? (
        <div className="field">
          <label htmlFor={`${id}-compound`}>{t('emergency.compound')}</label>
          <select
            id={`${id}-compound`}
            value={compoundId}
            onChange={(event) => {
              setCompoundId(event.target.value);
              setPatientId('');
            }}
          >
            <option value="">{t('emergency.choose')}</option>
            {compounds.map((compound) => (
              <option key={compound.id} value={compound.id}>
                {compound.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-patient`}>{t('emergency.patient')}</label>
        <select
          id={`${id}-patient`}
          name="patient"
          value={patientId}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(event) => {
            setPatientId(event.target.value);
            setMissing(false);
          }}
        >
          <option value="">{t('emergency.choose')}</option>
          {(roster.data?.items ?? []).map((patient) => (
            <option key={patient.id} value={patient.id}>
              {patient.name} · {[patient.building, patient.unit, patient.room].filter(Boolean).join('-')}
            </option>
          ))}
        </select>
        {missing ? (
          <p id={`${id}-error`} className="field-error">
            {t('form.required')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-service`}>{t('emergency.service')}</label>
        <select
          id={`${id}-service`}
          value={service}
          onChange={(event) => setService(SERVICES.find((s) => s === event.target.value) ?? 'emergency')}
        >
          {SERVICES.map((option) => (
            <option key={option} value={option}>
              {t(`service.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {raise.isError ? (
        <p className="field-error" role="alert">
          {describeError(raise.error)}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-danger" disabled={raise.isPending}>
          {t('emergency.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

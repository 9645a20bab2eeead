import {
  type Hospital,
  type IncidentView,
  IncidentView as IncidentViewSchema,
  ResolveIncidentBody,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { dispatchKeys } from './queries.ts';

function ResolveForm({
  incident,
  hospitals,
  districtId,
}: {
  incident: IncidentView;
  hospitals: readonly Hospital[];
  districtId: string;
}) {
  const { t, describeError } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const [resolution, setResolution] = useState('');
  const [action, setAction] = useState<'none' | 'resume' | 'cancel'>('none');
  const [hospitalId, setHospitalId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolve = useMutation({
    mutationFn: (body: ResolveIncidentBody) =>
      api.post(`/incidents/${incident.id}/resolve`, IncidentViewSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) }),
  });
  const isRefusal = incident.kind === 'refused_at_gate';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ResolveIncidentBody.safeParse({
      resolution,
      action: isRefusal ? action : 'none',
      ...(isRefusal && action === 'resume' && hospitalId ? { hospitalId } : {}),
    });
    if (!parsed.success) {
      setError(t('form.required'));
      return;
    }
    setError(null);
    resolve.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate className="resolve-form">
      <div className="field">
        <label htmlFor={`${id}-resolution`}>{t('dispatch.incidents.resolution')}</label>
        <textarea
          id={`${id}-resolution`}
          rows={2}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      {isRefusal ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-action`}>{t('dispatch.incidents.action')}</label>
            <select
              id={`${id}-action`}
              value={action}
              onChange={(e) => setAction(e.target.value as typeof action)}
            >
              <option value="none">{t('dispatch.incidents.action.none')}</option>
              <option value="resume">{t('dispatch.incidents.action.resume')}</option>
              <option value="cancel">{t('dispatch.incidents.action.cancel')}</option>
            </select>
          </div>
          {action === 'resume' ? (
            <div className="field">
              <label htmlFor={`${id}-hospital`}>{t('dispatch.incidents.otherHospital')}</label>
              <select
                id={`${id}-hospital`}
                value={hospitalId}
                onChange={(e) => setHospitalId(e.target.value)}
              >
                <option value="">{t('dispatch.incidents.sameHospital')}</option>
                {hospitals.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
      ) : null}
      {resolve.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(resolve.error)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={resolve.isPending}>
        {t('dispatch.incidents.resolve')}
      </button>
    </form>
  );
}

/** Open incidents, newest first; a refusal on forbidden grounds (test result, health code) says so. */
export function IncidentList({
  incidents,
  hospitals,
  districtId,
}: {
  incidents: readonly IncidentView[];
  hospitals: readonly Hospital[];
  districtId: string;
}) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const open = incidents.filter((i) => i.resolvedAt === null);
  return (
    <section aria-labelledby={headingId} className="panel-section">
      <h2 id={headingId}>{t('dispatch.incidents.title', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('dispatch.incidents.none')}</p>
      ) : (
        <ul className="incident-list">
          {open.map((incident) => (
            <li key={incident.id}>
              <p>
                <span className="badge badge-urgent">{t(`incidentKind.${incident.kind}`)}</span>{' '}
                <span className="muted">{formatDateTime(incident.openedAt)}</span>
              </p>
              <p>{incident.description}</p>
              {incident.detail.forbiddenGround === true ? (
                <p className="alert alert-error">{t('dispatch.incidents.forbiddenGround')}</p>
              ) : null}
              <ResolveForm incident={incident} hospitals={hospitals} districtId={districtId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

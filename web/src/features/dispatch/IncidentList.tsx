import {
  type Hospital,
  type IncidentView,
  IncidentView as IncidentViewSchema,
  type LegView,
  REFUSAL_REASONS,
  ResolveIncidentBody,
  type Vehicle,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { formatPlannerReason, reasonSchema } from '@lastmeter/shared/planner.ts';
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

/** What an incident is about in a dispatcher's words: who (the patient), where, and what happened. */
function IncidentFacts({
  incident,
  leg,
  vehicle,
  hospital,
}: {
  incident: IncidentView;
  leg: LegView | undefined;
  vehicle: Vehicle | undefined;
  hospital: Hospital | undefined;
}) {
  const { t, locale } = useI18n();
  const detail = incident.detail;
  const plate = vehicle?.plate ?? leg?.vehicle?.plate;
  const gate = leg ? `${leg.compound.name} · ${leg.gate.name}` : undefined;
  const hospitalName =
    hospital?.name ??
    leg?.hospital.name ??
    (typeof detail.hospitalName === 'string' ? detail.hospitalName : undefined);
  const where = (() => {
    switch (incident.kind) {
      case 'refused_at_gate':
        return hospitalName;
      case 'no_show':
        return gate;
      case 'zone_change':
        return incident.description || gate;
      case 'breakdown':
      case 'other':
        return leg ? `${gate} → ${leg.hospital.name}` : hospitalName;
      default:
        return exhaustive(incident.kind);
    }
  })();
  const what = (() => {
    const reason = REFUSAL_REASONS.find((r) => r === detail.reason);
    if (incident.kind === 'refused_at_gate' && reason)
      return [t(`driver.refusal.${reason}`), incident.description].filter(Boolean).join(' · ');
    // An emergency no vehicle can take (server/src/domain/trips/insert-trip.ts): the planner's reason.
    const coded = detail.kind === 'emergency_unserved' ? reasonSchema.safeParse(detail.reason) : null;
    if (coded?.success) return formatPlannerReason(coded.data, locale);
    if (incident.kind === 'zone_change' && Array.isArray(detail.legIds))
      return t('dispatch.incidents.zoneLegs', { count: detail.legIds.length });
    if (incident.kind === 'no_show' && gate)
      return [t('dispatch.incidents.noShowAt', { place: gate }), incident.description]
        .filter(Boolean)
        .join(' · ');
    return incident.description || t(`incidentKind.${incident.kind}`);
  })();
  return (
    <dl className="incident-facts">
      {leg ? (
        <>
          <dt>{t('dispatch.incidents.who')}</dt>
          <dd>
            <strong>{leg.patient.name}</strong> · {t(`mobility.${leg.patient.mobility}`)} ·{' '}
            {t(`infection.${leg.patient.infectionClass}`)} · {t(`direction.${leg.direction}`)}
          </dd>
        </>
      ) : null}
      {where || plate ? (
        <>
          <dt>{t('dispatch.incidents.where')}</dt>
          <dd>{[where, plate].filter(Boolean).join(' · ')}</dd>
        </>
      ) : null}
      <dt>{t('dispatch.incidents.what')}</dt>
      <dd>{what}</dd>
    </dl>
  );
}

/** Open incidents, newest first; each says who, where and what, links to its trip on the map, and a refusal on forbidden grounds (test result, health code) says so. */
export function IncidentList({
  incidents,
  hospitals,
  vehicles,
  legsById,
  districtId,
  onShowLeg,
}: {
  incidents: readonly IncidentView[];
  hospitals: readonly Hospital[];
  vehicles: readonly Vehicle[];
  legsById: ReadonlyMap<string, LegView>;
  districtId: string;
  onShowLeg: (legId: string) => void;
}) {
  const { t, formatWhen } = useI18n();
  const headingId = useId();
  const open = incidents.filter((i) => i.resolvedAt === null);
  return (
    <section aria-labelledby={headingId} className="panel-section">
      <h2 id={headingId}>{t('dispatch.incidents.title', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('dispatch.incidents.none')}</p>
      ) : (
        <ul className="incident-list">
          {open.map((incident) => {
            const leg = incident.legId ? legsById.get(incident.legId) : undefined;
            return (
              <li key={incident.id} data-kind={incident.kind}>
                <p>
                  <span className="badge badge-urgent">{t(`incidentKind.${incident.kind}`)}</span>{' '}
                  {leg?.urgency === 'emergency' ? (
                    <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                  ) : null}{' '}
                  <span className="muted">{formatWhen(incident.openedAt)}</span>
                </p>
                <IncidentFacts
                  incident={incident}
                  leg={leg}
                  vehicle={vehicles.find((v) => v.id === incident.vehicleId)}
                  hospital={hospitals.find((h) => h.id === incident.hospitalId)}
                />
                {incident.detail.forbiddenGround === true ? (
                  <p className="alert alert-error">{t('dispatch.incidents.forbiddenGround')}</p>
                ) : null}
                {incident.legId ? (
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => onShowLeg(incident.legId ?? '')}
                  >
                    {t('dispatch.incidents.showLeg')}
                  </button>
                ) : null}
                <ResolveForm incident={incident} hospitals={hospitals} districtId={districtId} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import {
  decideStep,
  type LegEtaUpdated,
  LegStepBody,
  LegView,
  payloadOf,
  type StreamEvent,
  TreatmentFinishedBody,
} from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useSocketEvent } from '../../realtime/socket.ts';
import { arrivalsQuery, hospitalKeys } from './queries.ts';

/**
 * The desk confirms a patient who is in the car or at the door, never one still waiting at home: the
 * lifecycle's own decision for the hospital (`decideStep` in @lastmeter/shared), which the server applies.
 */
const confirmable = (leg: LegView) => decideStep('confirm_arrival', leg, 'hospital').ok;

const etaOf = (leg: LegView) => leg.etaAt ?? leg.plannedDropoffAt;
const byEta = (a: LegView, b: LegView) => (etaOf(a) ?? '9999').localeCompare(etaOf(b) ?? '9999');

function isEtaUpdate(event: StreamEvent): LegEtaUpdated | null {
  return payloadOf(event, 'leg.eta_updated');
}

/**
 * Who is coming, soonest first, with what the ward needs to prepare. ETAs are patched in place from the
 * socket; any other trip event refetches the list. "Arrived" completes the outbound leg; "treatment
 * finished" then releases the return trip.
 */
export function ArrivalsBoard({ hospitalId, date }: { hospitalId: string; date: string }) {
  const { t, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const query = arrivalsQuery(hospitalId, date);
  const arrivals = useQuery(query);
  // Admitted just now, before the refetch lists them as `inTreatment`.
  const [inTreatment, setInTreatment] = useState<LegView[]>([]);
  const [released, setReleased] = useState<Set<string>>(new Set());

  useSocketEvent('event', (event) => {
    const eta = isEtaUpdate(event);
    if (eta) {
      queryClient.setQueryData(query.queryKey, (legs) =>
        legs?.map((leg) => (leg.id === eta.legId ? { ...leg, etaAt: eta.etaAt } : leg)),
      );
      return;
    }
    if (
      event.type.startsWith('job.') ||
      event.type.startsWith('leg.') ||
      event.type.startsWith('arrival.') ||
      event.type.startsWith('patient.')
    ) {
      void queryClient.invalidateQueries({ queryKey: hospitalKeys.hospital(hospitalId) });
    }
  });

  const confirm = useMutation({
    mutationFn: (leg: LegView) =>
      api.post(`/legs/${leg.id}/arrived`, LegView, LegStepBody.parse({ version: leg.version })),
    onSuccess: (leg) => {
      setInTreatment((list) => [...list.filter((l) => l.id !== leg.id), leg]);
      void queryClient.invalidateQueries({ queryKey: hospitalKeys.hospital(hospitalId) });
    },
  });
  const finish = useMutation({
    mutationFn: ({ leg, earlyReason }: { leg: LegView; earlyReason?: string }) =>
      api.post(
        `/trips/${leg.tripId}/treatment-finished`,
        LegView,
        TreatmentFinishedBody.parse(earlyReason ? { earlyReason } : {}),
      ),
    onSuccess: (_ret, { leg }) => setReleased((set) => new Set(set).add(leg.tripId)),
  });
  // A fixed treatment ended well before its planned end: the server asks for the reason (kept on record).
  const askedWhy =
    finish.error instanceof ApiError &&
    finish.error.code === 'step_not_open' &&
    finish.error.extra.rule === 'treatment_not_over'
      ? finish.variables?.leg.tripId
      : undefined;
  const [earlyReason, setEarlyReason] = useState('');

  const all = (arrivals.data ?? []).slice().sort(byEta);
  // The API keeps admitted patients listed (`inTreatment`) until the return is released.
  const list = all.filter((l) => !l.inTreatment);
  const admitted = [
    ...all.filter((l) => l.inTreatment),
    ...inTreatment.filter((l) => !all.some((a) => a.id === l.id)),
  ];

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('hospital.arrivals.title')}</h2>
      {confirm.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(confirm.error)}
        </p>
      ) : null}
      {finish.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(finish.error)}
        </p>
      ) : null}
      {arrivals.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(arrivals.error)}
        </p>
      ) : !arrivals.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('hospital.arrivals.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table arrivals">
            <thead>
              <tr>
                <th scope="col">{t('hospital.arrivals.eta')}</th>
                <th scope="col">{t('hospital.arrivals.patient')}</th>
                <th scope="col">{t('hospital.arrivals.mobility')}</th>
                <th scope="col">{t('hospital.arrivals.infection')}</th>
                <th scope="col">{t('hospital.arrivals.companions')}</th>
                <th scope="col">{t('hospital.arrivals.from')}</th>
                <th scope="col">{t('hospital.arrivals.vehicle')}</th>
                <th scope="col">{t('hospital.arrivals.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('hospital.arrivals.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((leg) => {
                const eta = etaOf(leg);
                return (
                  <tr
                    key={leg.id}
                    data-urgency={leg.urgency}
                    className={
                      leg.patient.infectionClass !== 'normal'
                        ? `infection-${leg.patient.infectionClass}`
                        : undefined
                    }
                  >
                    <td>
                      <strong>{eta ? formatTime(eta) : '—'}</strong>
                      {leg.dropoffWindow[1] ? (
                        <span className="muted block">
                          {t('hospital.arrivals.window', { end: formatTime(leg.dropoffWindow[1]) })}
                        </span>
                      ) : null}
                    </td>
                    <th scope="row">
                      {leg.urgency === 'emergency' ? (
                        <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                      ) : null}{' '}
                      {leg.patient.name}
                      <span className="muted block">{t(`service.${leg.service}`)}</span>
                    </th>
                    <td>{t(`mobility.${leg.patient.mobility}`)}</td>
                    <td>
                      {t(`infection.${leg.patient.infectionClass}`)}
                      <span className="muted block">{t(`driver.protection.${leg.patient.protection}`)}</span>
                    </td>
                    <td>{leg.patient.companions}</td>
                    <td>
                      {leg.compound.name}
                      <span className="muted block">{leg.gate.name}</span>
                    </td>
                    <td>
                      {leg.vehicle ? `${leg.vehicle.plate} · ${t(`vehicleKind.${leg.vehicle.kind}`)}` : '—'}
                    </td>
                    <td>{t(`legStatus.${leg.status}`)}</td>
                    <td>
                      {confirmable(leg) ? (
                        <button
                          type="button"
                          className="button-primary"
                          onClick={() => confirm.mutate(leg)}
                          disabled={confirm.isPending && confirm.variables?.id === leg.id}
                        >
                          {t('hospital.arrivals.confirm')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {admitted.length > 0 ? (
        <>
          <h3>{t('hospital.treatment.title')}</h3>
          <ul className="queue-list">
            {admitted.map((leg) => (
              <li key={leg.id} data-urgency={leg.urgency}>
                <div>
                  {leg.urgency === 'emergency' ? (
                    <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                  ) : null}{' '}
                  <strong>{leg.patient.name}</strong> · {leg.compound.name}
                  <span className="muted block">
                    {t(`service.${leg.service}`)} · {t(`mobility.${leg.patient.mobility}`)}
                  </span>
                </div>
                {released.has(leg.tripId) ? (
                  <p className="alert alert-info" role="status">
                    {t('hospital.treatment.released')}
                  </p>
                ) : (
                  <button
                    type="button"
                    className="button-primary"
                    onClick={() => finish.mutate({ leg })}
                    disabled={finish.isPending}
                  >
                    {t('hospital.treatment.finish')}
                  </button>
                )}
                {askedWhy === leg.tripId && !released.has(leg.tripId) ? (
                  <form
                    className="early-finish"
                    onSubmit={(event) => {
                      event.preventDefault();
                      if (earlyReason.trim()) finish.mutate({ leg, earlyReason: earlyReason.trim() });
                    }}
                  >
                    <label htmlFor={`${headingId}-early-${leg.tripId}`}>
                      {t('hospital.treatment.earlyReason')}
                    </label>
                    <textarea
                      id={`${headingId}-early-${leg.tripId}`}
                      value={earlyReason}
                      maxLength={300}
                      required
                      onChange={(event) => setEarlyReason(event.target.value)}
                    />
                    <button
                      type="submit"
                      className="button-primary"
                      disabled={finish.isPending || !earlyReason.trim()}
                    >
                      {t('hospital.treatment.finishEarly')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

import type { LegView } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSocketEvent } from '../../realtime/socket.ts';
import { InfectionBadge } from '../patients/InfectionBadge.tsx';
import { ErrorWithRetry } from '../patients/PatientRoster.tsx';
import { TripPeoplePanel } from '../tracking/TripPeoplePanel.tsx';
import { GATE_EVENT_TYPES, gateKeys, gateScheduleQuery, useGateStep } from './api.ts';

/** When the leg is at the gate: outbound pickups leave, returns arrive. */
export function timeAtGate(leg: LegView): string | null {
  return leg.direction === 'outbound'
    ? (leg.plannedPickupAt ?? leg.pickupWindow[0])
    : (leg.etaAt ?? leg.plannedDropoffAt ?? leg.pickupWindow[1]);
}

const OUT_FROM: readonly LegView['status'][] = ['accepted', 'en_route', 'at_pickup'];
const BACK_FROM: readonly LegView['status'][] = ['on_board', 'arrived'];

/** Today's gate schedule, live: who leaves and who comes back, when, in which vehicle, with big out/back buttons. */
export function GateSchedule({ compoundId }: { compoundId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const schedule = useQuery(gateScheduleQuery(compoundId));
  useSocketEvent('event', (event) => {
    if (GATE_EVENT_TYPES.has(event.type))
      void queryClient.invalidateQueries({ queryKey: gateKeys.day(compoundId) });
  });

  if (schedule.isPending) return <Loading />;
  if (schedule.isError)
    return <ErrorWithRetry error={schedule.error} retry={() => void schedule.refetch()} />;
  if (schedule.data.length === 0) return <p className="empty">{t('gate.empty')}</p>;
  const open = schedule.data.filter((leg) => leg.status !== 'completed' && leg.status !== 'no_show');
  const done = schedule.data.filter((leg) => leg.status === 'completed' || leg.status === 'no_show');
  return (
    <>
      <p className="muted" role="status">
        {t('gate.summary', {
          out: schedule.data.filter((leg) => leg.direction === 'outbound').length,
          back: schedule.data.filter((leg) => leg.direction === 'return').length,
          done: done.length,
        })}
      </p>
      <ul className="gate-list">
        {open.map((leg) => (
          <GateItem key={leg.id} leg={leg} compoundId={compoundId} />
        ))}
      </ul>
      {done.length ? (
        <details className="gate-done">
          <summary>{t('gate.doneList', { count: done.length })}</summary>
          <ul className="gate-list">
            {done.map((leg) => (
              <GateItem key={leg.id} leg={leg} compoundId={compoundId} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function GateItem({ leg, compoundId }: { leg: LegView; compoundId: string }) {
  const { t, formatTime, describeError } = useI18n();
  const step = useGateStep(compoundId);
  const at = timeAtGate(leg);
  const outbound = leg.direction === 'outbound';
  const canOut = outbound && OUT_FROM.includes(leg.status);
  const canBack = !outbound && BACK_FROM.includes(leg.status);
  const waitingRelease = !outbound && !leg.released;
  const labelId = `gate-${leg.id}`;

  return (
    <li className="gate-item" data-direction={leg.direction} aria-labelledby={labelId}>
      <div className="gate-time">
        <span className="gate-direction">{t(outbound ? 'gate.leaves' : 'gate.returns')}</span>
        <time dateTime={at ?? undefined}>{at ? formatTime(at) : t('gate.timeOpen')}</time>
        {!outbound && leg.etaAt ? <span className="muted">{t('gate.eta')}</span> : null}
      </div>
      <div className="gate-who">
        <strong id={labelId}>{leg.patient.name}</strong>
        <div>
          {t(`mobility.${leg.patient.mobility}`)}
          {leg.patient.companions ? ` · ${t('roster.companions', { count: leg.patient.companions })}` : ''} ·{' '}
          <InfectionBadge infectionClass={leg.patient.infectionClass} />
        </div>
        <div className="muted">
          {leg.gate.name} {outbound ? '→' : '←'} {leg.hospital.name}
        </div>
        <div>
          {leg.vehicle ? (
            <span className="plate">{leg.vehicle.plate}</span>
          ) : (
            <span className="muted">{t('gate.noVehicle')}</span>
          )}{' '}
          <span className="badge" data-status={leg.status}>
            {t(`legStatus.${leg.status}`)}
          </span>
          {waitingRelease ? <span className="badge">{t('gate.waitingRelease')}</span> : null}
        </div>
        {outbound ? <TripPeoplePanel tripId={leg.tripId} /> : null}
      </div>
      <div className="gate-action">
        {canOut ? (
          <button
            type="button"
            className="button-primary button-huge"
            disabled={step.isPending}
            onClick={() => step.mutate({ leg, step: 'out' })}
            aria-describedby={labelId}
          >
            {t('gate.out')}
          </button>
        ) : null}
        {canBack ? (
          <button
            type="button"
            className="button-success button-huge"
            disabled={step.isPending}
            onClick={() => step.mutate({ leg, step: 'back' })}
            aria-describedby={labelId}
          >
            {t('gate.back')}
          </button>
        ) : null}
        {step.isError ? (
          <p className="field-error" role="alert">
            {describeError(step.error)}
          </p>
        ) : null}
      </div>
    </li>
  );
}

import { decideStep, isTerminal, type LegView, stepTimeRefusal } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { cityTimeZone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useNow } from '../../lib/use-now.ts';
import { useSocketEvent } from '../../realtime/socket.ts';
import { InfectionBadge } from '../patients/InfectionBadge.tsx';
import { TripPeoplePanel } from '../tracking/TripPeoplePanel.tsx';
import { GATE_EVENT_TYPES, gateKeys, gateScheduleQuery, useGateStep } from './api.ts';

/** When the leg is at the gate: outbound pickups leave, returns arrive. */
function timeAtGate(leg: LegView): string | null {
  return leg.direction === 'outbound'
    ? (leg.plannedPickupAt ?? leg.pickupWindow[0])
    : (leg.etaAt ?? leg.plannedDropoffAt ?? leg.pickupWindow[1]);
}

const MINUTE = 60_000;
/** A leg this close to its time (either side) is the gate's business now. */
const NOW_SPAN = 30 * MINUTE;
const NEXT_SPAN = 120 * MINUTE;
/** How long "放行出门" can be taken back before it reaches the server. */
const UNDO_SECONDS = 10;

type Group = 'now' | 'next' | 'later';
const GROUPS: readonly Group[] = ['now', 'next', 'later'];

/** Which group a leg belongs to: a vehicle at or coming to the gate is "now" whatever the plan said. */
function groupOf(leg: LegView, now: number): Group {
  const atGate = leg.direction === 'outbound' ? leg.status === 'at_pickup' : leg.status === 'arrived';
  const at = timeAtGate(leg);
  if (atGate || (at && Date.parse(at) <= now + NOW_SPAN)) return 'now';
  if (at && Date.parse(at) <= now + NEXT_SPAN) return 'next';
  return 'later';
}

function byTimeAtGate(a: LegView, b: LegView): number {
  const time = (leg: LegView) => {
    const at = timeAtGate(leg);
    return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
  };
  return time(a) - time(b);
}

/** Today's gate schedule, live, in time order and grouped now / next / later, with big out/back buttons. */
export function GateSchedule({ compoundId }: { compoundId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const schedule = useQuery(gateScheduleQuery(compoundId));
  const now = useNow();
  useSocketEvent('event', (event) => {
    if (GATE_EVENT_TYPES.has(event.type))
      void queryClient.invalidateQueries({ queryKey: gateKeys.day(compoundId) });
  });

  if (schedule.isPending) return <Loading />;
  if (schedule.isError)
    return <ErrorWithRetry error={schedule.error} retry={() => void schedule.refetch()} />;
  if (schedule.data.length === 0) return <p className="empty">{t('gate.empty')}</p>;
  const finished = (leg: LegView) => isTerminal(leg.status);
  const open = schedule.data.filter((leg) => !finished(leg)).sort(byTimeAtGate);
  const done = schedule.data.filter(finished).sort(byTimeAtGate);
  return (
    <>
      <p className="muted gate-summary" role="status">
        {t('gate.summary', {
          out: schedule.data.filter((leg) => leg.direction === 'outbound').length,
          back: schedule.data.filter((leg) => leg.direction === 'return').length,
          done: done.length,
        })}
      </p>
      {GROUPS.map((group) => {
        const legs = open.filter((leg) => groupOf(leg, now) === group);
        return legs.length ? (
          <GateGroup key={group} group={group} legs={legs} compoundId={compoundId} now={now} />
        ) : null;
      })}
      {done.length ? (
        <details className="gate-done">
          <summary>{t('gate.doneList', { count: done.length })}</summary>
          <ul className="gate-list">
            {done.map((leg) => (
              <GateItem key={leg.id} leg={leg} compoundId={compoundId} now={now} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function GateGroup({
  group,
  legs,
  compoundId,
  now,
}: {
  group: Group;
  legs: LegView[];
  compoundId: string;
  now: number;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="gate-group" data-group={group} aria-labelledby={id}>
      <h2 id={id} className="gate-group-title">
        {t(`gate.group.${group}` as MessageKey)} <span className="muted">({legs.length})</span>
      </h2>
      <ul className="gate-list">
        {legs.map((leg) => (
          <GateItem key={leg.id} leg={leg} compoundId={compoundId} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** Outbound statuses before the car is at the gate: "out" waits for it (`STEP_RULES.out` in @lastmeter/shared). */
const CAR_NOT_HERE: readonly LegView['status'][] = ['assigned', 'accepted', 'en_route'];

/** The "out" step as the lifecycle rules decide it for a gatekeeper (`decideStep` in @lastmeter/shared). */
function outOpens(leg: LegView): boolean {
  return leg.direction === 'outbound' && decideStep('out', leg, 'gatekeeper').ok;
}

/**
 * When the clock still holds "out" back (the car came early, or the leg is of another day), as the
 * server decides it (`stepTimeRefusal`): the card says when it opens instead of offering the button.
 */
function outHeldBack(leg: LegView, now: number) {
  return stepTimeRefusal('out', leg, new Date(now), { timeZone: cityTimeZone() });
}

function backOpens(leg: LegView): boolean {
  return leg.direction === 'return' && decideStep('back', leg, 'gatekeeper').ok;
}

function GateItem({ leg, compoundId, now }: { leg: LegView; compoundId: string; now: number }) {
  const { t, formatTime } = useI18n();
  const at = timeAtGate(leg);
  const outbound = leg.direction === 'outbound';
  const waitingRelease = !outbound && !leg.released;
  const atGate = leg.direction === 'outbound' ? leg.status === 'at_pickup' : leg.status === 'arrived';
  const overdue = at !== null && Date.parse(at) < now - NOW_SPAN && !atGate && leg.status !== 'completed';
  const labelId = `gate-${leg.id}`;

  return (
    <li
      className="gate-item"
      data-direction={leg.direction}
      data-urgency={leg.urgency}
      aria-labelledby={labelId}
    >
      <div className="gate-time">
        <span className="gate-direction">{t(outbound ? 'gate.leaves' : 'gate.returns')}</span>
        <time dateTime={at ?? undefined}>{at ? formatTime(at) : t('gate.timeOpen')}</time>
        {!outbound && leg.etaAt ? <span className="muted">{t('gate.eta')}</span> : null}
        {overdue ? <span className="badge badge-late">{t('gate.overdue')}</span> : null}
      </div>
      <div className="gate-who">
        <strong id={labelId}>
          {leg.urgency === 'emergency' ? (
            <span className="badge badge-emergency">{t('urgency.emergency')}</span>
          ) : null}{' '}
          {leg.patient.name}
        </strong>
        <div>
          {t(`mobility.${leg.patient.mobility}`)}
          {leg.patient.companions ? ` · ${t('roster.companions', { count: leg.patient.companions })}` : ''} ·{' '}
          <InfectionBadge infectionClass={leg.patient.infectionClass} /> · {leg.gate.name}{' '}
          {outbound ? '→' : '←'} {leg.hospital.name}
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
      <GateAction leg={leg} compoundId={compoundId} labelId={labelId} now={now} />
    </li>
  );
}

type Stage = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'undo'; until: number };

/**
 * "放行出门" lets a patient out of a sealed compound, so it asks first and can be taken back for a few
 * seconds before it is sent; "确认返回" closes the loop in one tap.
 */
function GateAction({
  leg,
  compoundId,
  labelId,
  now,
}: {
  leg: LegView;
  compoundId: string;
  labelId: string;
  now: number;
}) {
  const { t, describeError, formatWhen } = useI18n();
  const step = useGateStep(compoundId);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [, setTick] = useState(0);
  const send = useRef(step.mutate);
  send.current = step.mutate;
  // A car on its way: "out" waits for the time it opens, then for the car at the gate.
  const onItsWay = leg.direction === 'outbound' && (leg.status === 'accepted' || leg.status === 'en_route');
  const heldBack = outOpens(leg) || onItsWay ? outHeldBack(leg, now) : null;
  const canOut = outOpens(leg) && !heldBack;
  const canBack = backOpens(leg);

  // While the undo is offered the step waits on this phone; only then does it go to the server.
  useEffect(() => {
    if (stage.kind !== 'undo') return;
    const commit = window.setTimeout(
      () => {
        setStage({ kind: 'idle' });
        send.current({ leg, step: 'out' });
      },
      Math.max(0, stage.until - Date.now()),
    );
    const countdown = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => {
      window.clearTimeout(commit);
      window.clearInterval(countdown);
    };
  }, [stage, leg]);

  const plate = leg.vehicle?.plate ?? '';
  return (
    <div className="gate-action">
      {canOut && stage.kind === 'idle' ? (
        <button
          type="button"
          className="button-primary button-huge"
          disabled={step.isPending}
          onClick={() => setStage({ kind: 'confirm' })}
          aria-describedby={labelId}
        >
          {t('gate.out')}
        </button>
      ) : null}
      {canOut && stage.kind === 'confirm' ? (
        <fieldset className="gate-confirm">
          <legend>{t('gate.confirmOut', { name: leg.patient.name, plate })}</legend>
          <div className="button-row">
            <button
              type="button"
              className="button-primary"
              onClick={() => setStage({ kind: 'undo', until: Date.now() + UNDO_SECONDS * 1000 })}
            >
              {t('gate.confirmOutYes')}
            </button>
            <button type="button" onClick={() => setStage({ kind: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </fieldset>
      ) : null}
      {stage.kind === 'undo' ? (
        <div className="gate-confirm" role="status">
          <p>
            {t('gate.undoPending', {
              name: leg.patient.name,
              seconds: Math.max(1, Math.ceil((stage.until - Date.now()) / 1000)),
            })}
          </p>
          <button type="button" className="button-danger-outline" onClick={() => setStage({ kind: 'idle' })}>
            {t('gate.undo')}
          </button>
        </div>
      ) : null}
      {heldBack ? (
        <p className="muted">
          {heldBack.opensAt
            ? t('gate.outOpensAt', { at: formatWhen(heldBack.opensAt) })
            : t('driver.dayGone')}
        </p>
      ) : null}
      {!canOut && !heldBack && leg.direction === 'outbound' && CAR_NOT_HERE.includes(leg.status) ? (
        <p className="muted">{t('gate.outOpensLater')}</p>
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
  );
}

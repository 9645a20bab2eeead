import { type LegView, payloadOf } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo } from 'react';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { playAlert, unlockAudio } from '../../lib/alert.ts';
import { useConnectionState, useSocketEvent } from '../../realtime/socket.ts';
import { useMe } from '../auth/auth.ts';
import { DriverDeliveries } from '../deliveries/DriverDeliveries.tsx';
import { jobKeys, myJobsQuery } from './api.ts';
import { JobCard, type ShownJob } from './JobCard.tsx';
import {
  dismissRejected,
  enqueueStep,
  flushQueue,
  isOwnChange,
  type OnSettled,
  type StepBody,
  useOfflineQueue,
  useQueueFlusher,
} from './offline-queue.ts';
import { useBrowserOnline } from './online.ts';
import { lastKnownPosition, usePositionSharing } from './position.ts';
import { type DriverStep, inDrivingOrder, isOpenJob, plannedAt, statusAfter } from './steps.ts';

const JOB_EVENTS = new Set(['job.assigned', 'job.updated', 'job.cancelled']);

/** The driver's phone screen: the job at hand, what comes next, and whether everything reached dispatch. */
export function DriverBoard() {
  const { t, describeError, formatTime } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const jobs = useQuery(myJobsQuery(me.id));
  const { queue, rejected } = useOfflineQueue();
  const connection = useConnectionState();
  const position = usePositionSharing();
  const browserOnline = useBrowserOnline();
  const upcomingId = useId();

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: jobKeys.mine }),
    [queryClient],
  );
  const settled = useCallback<OnSettled>(
    (answer) => {
      if (answer)
        queryClient.setQueryData<LegView[]>(jobKeys.mine, (legs) =>
          legs?.map((leg) => (leg.id === answer.id ? answer : leg)),
        );
      refresh();
    },
    [queryClient, refresh],
  );
  useQueueFlusher(settled, connection);

  // The first touch unlocks sound; browsers refuse audio before it.
  useEffect(() => {
    window.addEventListener('pointerdown', unlockAudio);
    return () => window.removeEventListener('pointerdown', unlockAudio);
  }, []);

  useSocketEvent('event', (event) => {
    if (JOB_EVENTS.has(event.type)) {
      playAlert();
      refresh();
      return;
    }
    if (event.type === 'leg.status_changed') {
      const change = payloadOf(event, 'leg.status_changed');
      const known = queryClient
        .getQueryData<LegView[]>(jobKeys.mine)
        ?.find((leg) => leg.id === change?.legId);
      // A change someone else made (the gatekeeper's "out", the hospital, dispatch) is news to the driver.
      if (change && !isOwnChange(change.legId, change.status) && known?.status !== change.status) {
        playAlert();
      }
      refresh();
    }
  });

  const shown = useMemo<ShownJob[]>(() => {
    const list = jobs.data ?? [];
    return list.map((leg) => {
      const mine = queue.filter((item) => item.legId === leg.id);
      const last = mine.at(-1);
      return {
        leg: last ? { ...leg, status: statusAfter(last.step) } : leg,
        pendingSync: mine.length,
      };
    });
  }, [jobs.data, queue]);

  const report = (leg: LegView, step: DriverStep, extra: Partial<StepBody> = {}) => {
    unlockAudio();
    const where = lastKnownPosition();
    const placed = step === 'decline' ? {} : (where ?? {});
    enqueueStep(leg.id, step, { version: leg.version, ...placed, ...extra } as StepBody);
    void flushQueue(settled);
  };

  const active = inDrivingOrder(shown.filter((job) => isOpenJob(job.leg)));
  const [current, ...upcoming] = active;
  const offline = connection !== 'online' || !browserOnline;

  return (
    <div className="driver-board">
      <section className="driver-status" aria-label={t('driver.statusLabel')}>
        <p className={offline ? 'status-chip status-offline' : 'status-chip status-online'} role="status">
          {offline ? t('driver.offline') : t('driver.online')}
          {queue.length > 0 ? ` · ${t('driver.queued', { count: queue.length })}` : ''}
        </p>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            aria-checked={position.enabled}
            checked={position.enabled}
            onChange={(event) => position.setEnabled(event.target.checked)}
          />
          <span>{t('driver.sharePosition')}</span>
          <span className="muted">
            {position.state.status === 'sharing'
              ? t('driver.position.sharing', { at: formatTime(position.state.at) })
              : t(`driver.position.${position.state.status}`)}
          </span>
        </label>
      </section>

      {rejected.map(({ step, error }) => (
        <div key={step.id} className="alert alert-error" role="alert">
          <p>
            {t('driver.rejected', { step: t(`driver.step.${step.step}`) })} {describeError(error)}
          </p>
          <button type="button" onClick={() => dismissRejected(step.id)}>
            {t('driver.dismiss')}
          </button>
        </div>
      ))}

      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError && !jobs.data ? (
        <ErrorWithRetry error={jobs.error} retry={() => void jobs.refetch()} />
      ) : (
        <>
          {jobs.isError ? (
            <p className="alert alert-info" role="status">
              {t('driver.showingSaved', { at: formatTime(jobs.dataUpdatedAt) })}
            </p>
          ) : null}
          {current ? (
            <JobCard job={current} report={report} />
          ) : (
            <p className="empty">{t('driver.noJobs')}</p>
          )}
          {upcoming.length ? (
            <section aria-labelledby={upcomingId}>
              <h2 id={upcomingId}>{t('driver.upcoming', { count: upcoming.length })}</h2>
              <ul className="upcoming-list">
                {upcoming.map(({ leg, pendingSync }) => (
                  <li key={leg.id}>
                    <UpcomingJob leg={leg} pendingSync={pendingSync} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      <DriverDeliveries />
    </div>
  );
}

function UpcomingJob({ leg, pendingSync }: { leg: LegView; pendingSync: number }) {
  const { t, formatTime, formatOtherDay } = useI18n();
  const outbound = leg.direction === 'outbound';
  const at = plannedAt(leg, 'pickup');
  const otherDay = at ? formatOtherDay(at) : null;
  return (
    <div className="upcoming-job" data-urgency={leg.urgency}>
      <time dateTime={at ?? undefined}>
        {otherDay ? <span className="upcoming-day">{otherDay}</span> : null}
        {at ? formatTime(at) : '—'}
      </time>
      <div>
        {leg.urgency === 'emergency' ? (
          <span className="badge badge-emergency">{t('urgency.emergency')}</span>
        ) : null}
        <strong>{t(outbound ? 'driver.outbound' : 'driver.return')}</strong> · {leg.patient.name} ·{' '}
        {t(`mobility.${leg.patient.mobility}`)} · {t(`infection.${leg.patient.infectionClass}`)}
        <div className="muted">
          {outbound
            ? `${leg.gate.name} → ${leg.hospital.name}`
            : `${leg.hospital.name} → ${leg.compound.name} ${leg.gate.name}`}
        </div>
      </div>
      <span className="badge" data-status={leg.status}>
        {t(`legStatus.${leg.status}`)}
      </span>
      {pendingSync ? <span className="badge badge-pending">{t('driver.pendingSync')}</span> : null}
    </div>
  );
}

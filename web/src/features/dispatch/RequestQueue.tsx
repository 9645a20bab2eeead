import {
  type Compound,
  type LegView,
  OnlineVisitView,
  pickupTiming,
  type RequestView,
  TripView,
  type WayOfService,
} from '@lastmeter/shared';
import { formatPlannerReason, reasonSchema } from '@lastmeter/shared/planner.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useNow } from '../../lib/use-now.ts';
import { useChooseWay } from '../care/api.ts';
import { UNMET_STATUSES } from './KeyFigures.tsx';
import { dispatchKeys } from './queries.ts';

/**
 * What still needs a decision: requests not served yet — by the way each is served (a trip, an online
 * visit: the planner's matching picks the hospital and says why; the way can be changed as the need
 * allows) — and legs without a vehicle (assign by hand). Emergencies first.
 */
export function RequestQueue({
  districtId,
  requests,
  legs,
  compounds,
  onAssign,
}: {
  districtId: string;
  requests: readonly RequestView[];
  legs: readonly LegView[];
  compounds: readonly Compound[];
  onAssign: (leg: LegView) => void;
}) {
  const { t, locale, describeError, formatTime, formatWhen } = useI18n();
  const now = useNow();
  const queryClient = useQueryClient();
  const headingId = useId();
  const createTrip = useMutation({
    mutationFn: async ({ id, serveBy }: Pick<RequestView, 'id' | 'serveBy'>): Promise<TripView | null> => {
      if (serveBy === 'online_visit') {
        await api.post(`/requests/${id}/online-visit`, OnlineVisitView, {});
        return null;
      }
      return api.post(`/requests/${id}/trip`, TripView);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) }),
  });
  const chooseWay = useChooseWay();
  // A request no hospital can take comes back as 409 with the planner's reason: say why.
  const unmatched =
    createTrip.error instanceof ApiError ? reasonSchema.safeParse(createTrip.error.extra.reason) : null;
  const compoundName = new Map(compounds.map((c) => [c.id, c.name]));
  const withTrip = new Set(legs.map((l) => l.requestId));
  const waiting = requests
    .filter((r) => UNMET_STATUSES.has(r.status) && !withTrip.has(r.id))
    .sort((a, b) =>
      a.urgency === b.urgency
        ? a.windowStart.localeCompare(b.windowStart)
        : a.urgency === 'emergency'
          ? -1
          : 1,
    );
  // An emergency no vehicle could take stays at the top until dispatch finds one.
  const unassigned = legs
    .filter((l) => !l.vehicle && l.status === 'planned')
    .sort(
      (a, b) =>
        Number(b.urgency === 'emergency') - Number(a.urgency === 'emergency') ||
        (a.pickupWindow[0] ?? '').localeCompare(b.pickupWindow[0] ?? ''),
    );

  return (
    <section aria-labelledby={headingId} className="panel-section">
      <h2 id={headingId}>{t('dispatch.queue.title')}</h2>
      {createTrip.data?.unserved?.length ? (
        <p className="alert alert-error" role="alert">
          {t('dispatch.queue.emergencyUnserved', {
            reason: createTrip.data.unserved
              .map((u) => reasonSchema.safeParse(u.reason))
              .flatMap((r) => (r.success ? [formatPlannerReason(r.data, locale)] : []))
              .filter((text, i, all) => all.indexOf(text) === i)
              .join('；'),
          })}
        </p>
      ) : null}
      {chooseWay.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(chooseWay.error)}
        </p>
      ) : null}
      {createTrip.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(createTrip.error)}
          {unmatched?.success ? (
            <span className="block">
              {t('dispatch.queue.unmatched', { reason: formatPlannerReason(unmatched.data, locale) })}
            </span>
          ) : null}
        </p>
      ) : null}
      <h3>{t('dispatch.queue.requests', { count: waiting.length })}</h3>
      {waiting.length === 0 ? (
        <p className="muted">{t('dispatch.queue.noRequests')}</p>
      ) : (
        <ul className="queue-list">
          {waiting.map((r) => (
            <li
              key={r.id}
              data-request-id={r.id}
              className={r.urgency === 'emergency' ? 'urgent' : undefined}
            >
              <div>
                <strong>{r.patientName}</strong> · {t(`service.${r.service}`)}
                {r.urgency === 'emergency' ? (
                  <span className="badge badge-urgent">{t('urgency.emergency')}</span>
                ) : null}
                <br />
                <span className="muted">
                  {compoundName.get(r.compoundId) ?? ''} · {formatTime(r.windowStart)}–
                  {formatTime(r.windowEnd)} · {t(`requestStatus.${r.status}`)}
                </span>
              </div>
              {r.allowedWays.length > 1 ? (
                <select
                  aria-label={t('care.way.label', { name: r.patientName })}
                  value={r.serveBy}
                  disabled={chooseWay.isPending && chooseWay.variables?.requestId === r.id}
                  onChange={(e) =>
                    chooseWay.mutate(
                      { requestId: r.id, serveBy: e.target.value as WayOfService },
                      {
                        onSettled: () =>
                          queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) }),
                      },
                    )
                  }
                >
                  {r.allowedWays.map((way) => (
                    <option key={way} value={way}>
                      {t(`way.${way}`)}
                    </option>
                  ))}
                </select>
              ) : null}
              {r.serveBy === 'delivery' ? null : (
                <button
                  type="button"
                  onClick={() => createTrip.mutate(r)}
                  disabled={createTrip.isPending && createTrip.variables?.id === r.id}
                >
                  {r.serveBy === 'online_visit' ? t('care.book') : t('dispatch.queue.createTrip')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('dispatch.queue.legs', { count: unassigned.length })}</h3>
      {unassigned.length === 0 ? (
        <p className="muted">{t('dispatch.queue.noLegs')}</p>
      ) : (
        <ul className="queue-list">
          {unassigned.map((l) => {
            const timing = pickupTiming(l, new Date(now));
            return (
              <li
                key={l.id}
                data-urgency={l.urgency}
                data-timing={timing}
                className={l.urgency === 'emergency' ? 'urgent' : undefined}
              >
                <div>
                  {l.urgency === 'emergency' ? (
                    <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                  ) : null}{' '}
                  <strong>{l.patient.name}</strong> · {t(`direction.${l.direction}`)}
                  {l.returnMode === 'will_call' && !l.released ? (
                    <span className="badge">{t('dispatch.queue.awaitingRelease')}</span>
                  ) : null}
                  <br />
                  <span className="muted">
                    {l.compound.name} → {l.hospital.name}
                    {l.pickupWindow[0] ? ` · ${formatWhen(l.pickupWindow[0])}` : ''}
                  </span>
                  {timing !== 'on_time' ? (
                    <p className="timing-flag">
                      <span className="badge badge-late">{t(`timing.${timing}`)}</span>{' '}
                      {t(`timing.next.${timing}`)}
                    </p>
                  ) : null}
                </div>
                <button type="button" onClick={() => onAssign(l)}>
                  {t('dispatch.queue.assign')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import { type LegView, PlanDayResult, type Vehicle } from '@lastmeter/shared';
import {
  formatPlannerReason,
  reasonSchema,
  type UnservedCode,
  unservedCodes,
} from '@lastmeter/shared/planner.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { describeClash } from './clash.ts';
import { dispatchKeys } from './queries.ts';

/** Elapsed seconds while the planner runs: the API answers once, so this is the honest progress. */
function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

function isUnservedCode(code: string): code is UnservedCode {
  return unservedCodes.some((known) => known === code);
}

/** "Plan the day": runs the planner over the district's day and explains every leg it could not serve. */
export function PlanDay({
  districtId,
  date,
  legsById,
  vehicles,
}: {
  districtId: string;
  date: string;
  legsById: ReadonlyMap<string, LegView>;
  vehicles: readonly Vehicle[];
}) {
  const { t, locale, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const plan = useMutation({
    mutationFn: () => api.post(`/districts/${districtId}/plan`, PlanDayResult, { date }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) }),
  });
  const elapsed = useElapsed(plan.isPending);
  // A refused plan names what clashed: the rule and the patients in the way, or the booking it overlaps.
  const clash = plan.isError
    ? describeClash(plan.error, {
        legsById,
        vehicles: new Map(vehicles.map((v) => [v.id, v.plate])),
        locale,
        t,
        formatTime,
      })
    : null;
  const result = plan.data;

  const reasonText = (reason: PlanDayResult['unserved'][number]['reason']) => {
    const parsed = reasonSchema.safeParse(reason);
    return parsed.success ? formatPlannerReason(parsed.data, locale) : reason.code;
  };

  return (
    <section aria-labelledby={headingId} className="panel-section">
      <h2 id={headingId}>{t('dispatch.plan.title')}</h2>
      <p className="muted">{t('dispatch.plan.intro', { date })}</p>
      <button
        type="button"
        className="button-primary"
        onClick={() => plan.mutate()}
        disabled={plan.isPending}
      >
        {plan.isPending ? t('dispatch.plan.running') : t('dispatch.plan.run')}
      </button>
      {plan.isPending ? (
        <div className="plan-progress" role="status">
          <progress aria-label={t('dispatch.plan.running')} />
          <span>{t('dispatch.plan.elapsed', { seconds: elapsed })}</span>
        </div>
      ) : null}
      {plan.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(plan.error)}
          {clash ? <span className="block plan-clash">{clash}</span> : null}
        </p>
      ) : null}
      {result ? (
        <div className="plan-result" role="status">
          <h3>{t('dispatch.plan.result')}</h3>
          <dl className="figure-grid">
            <div>
              <dt>{t('dispatch.plan.tripsCreated')}</dt>
              <dd>
                <strong>{result.trips.created}</strong>
              </dd>
            </div>
            {result.trips.unmatched.length > 0 ? (
              <div>
                <dt>{t('dispatch.plan.tripsUnmatched')}</dt>
                <dd>
                  <strong>{result.trips.unmatched.length}</strong>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('dispatch.plan.served')}</dt>
              <dd>
                <strong>{result.served.length}</strong>
              </dd>
            </div>
            <div>
              <dt>{t('dispatch.plan.unserved')}</dt>
              <dd>
                <strong>{result.unserved.length}</strong>
              </dd>
            </div>
            <div>
              <dt>{t('dispatch.plan.awaiting')}</dt>
              <dd>
                <strong>{result.awaitingRelease.length}</strong>
              </dd>
            </div>
            {result.deliveries.served.length + result.deliveries.unserved.length > 0 ? (
              <div>
                <dt>{t('dispatch.plan.deliveries')}</dt>
                <dd>
                  <strong>{result.deliveries.served.length}</strong>
                  {result.deliveries.unserved.length
                    ? ` ${t('dispatch.plan.deliveriesWaiting', { count: result.deliveries.unserved.length })}`
                    : ''}
                </dd>
              </div>
            ) : null}
            {typeof result.stats.vehiclesUsed === 'number' ? (
              <div>
                <dt>{t('dispatch.plan.vehiclesUsed')}</dt>
                <dd>
                  <strong>{result.stats.vehiclesUsed}</strong>
                </dd>
              </div>
            ) : null}
          </dl>
          {result.unserved.length > 0 ? (
            <>
              <h4>{t('dispatch.plan.unservedList')}</h4>
              <ul className="reason-list">
                {result.unserved.map((u) => {
                  const leg = legsById.get(u.legId);
                  return (
                    <li key={u.legId}>
                      <strong>
                        {leg
                          ? `${leg.patient.name} · ${t(`direction.${leg.direction}`)} · ${leg.compound.name}`
                          : t('dispatch.leg')}
                      </strong>
                      <span>{reasonText(u.reason)}</span>
                      {isUnservedCode(u.reason.code) ? (
                        <span className="next-step">{t(`next.${u.reason.code}`)}</span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

import {
  BOOKED_DELIVERY_STATUSES,
  type DeliveryView,
  isNeedServed,
  type LegView,
  type Overview,
  type RequestView,
  SERVICES,
  SERVING_DELIVERY_STATUSES,
  type Vehicle,
  WAYS_OF_SERVICE,
} from '@lastmeter/shared';
import { useId } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** Why needs are unmet, as the overview counts them (`careWays.unmetByReason`); other codes show as sent. */
const UNMET_REASONS: Record<string, MessageKey> = {
  waiting: 'unmetReason.waiting',
  no_vehicle: 'unmetReason.no_vehicle',
  no_answer: 'unmetReason.no_answer',
  window_passed: 'unmetReason.window_passed',
  no_capacity: 'unmetReason.no_capacity',
  no_capable_hospital: 'unmetReason.no_capable_hospital',
  no_hospital_accepts_positive: 'unmetReason.no_hospital_accepts_positive',
  all_capable_diverting: 'unmetReason.all_capable_diverting',
  no_hospital_in_range: 'unmetReason.no_hospital_in_range',
};

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100));

/** Requests not (yet) carried by a booked round trip. */
export const UNMET_STATUSES: ReadonlySet<RequestView['status']> = new Set(['open', 'matched', 'unserved']);

/** A booked outbound leg is on time when its latest ETA (or planned drop-off) is inside the window. */
function onTime(leg: LegView): boolean | null {
  const arrival = leg.etaAt ?? leg.plannedDropoffAt;
  const windowEnd = leg.dropoffWindow[1];
  if (!arrival || !windowEnd || !leg.vehicle) return null;
  return Date.parse(arrival) <= Date.parse(windowEnd);
}

/**
 * The day at a glance: how much demand is carried, whether it arrives in time, how much of the fleet
 * works, and where the unmet demand is (by service and compound).
 */
export function KeyFigures({
  overview,
  legs,
  requests,
  vehicles,
  deliveries,
}: {
  overview: Overview;
  legs: readonly LegView[];
  requests: readonly RequestView[];
  vehicles: readonly Vehicle[];
  /** The day's medicine deliveries: a need served by delivery is served once its parcel has a vehicle. */
  deliveries: readonly DeliveryView[];
}) {
  const t = useT();
  const headingId = useId();
  const live = requests.filter((r) => r.status !== 'cancelled');
  const parcelOnItsWay = new Set(
    deliveries.flatMap((d) =>
      d.requestId && (SERVING_DELIVERY_STATUSES as readonly string[]).includes(d.status) ? [d.requestId] : [],
    ),
  );
  // The overview's rule (shared/src/care-ways.ts): the request's status follows its legs on the server.
  const isServed = (r: RequestView) => isNeedServed(r, parcelOnItsWay.has(r.id));
  const served = live.filter(isServed).length;
  const judged = legs
    .filter((l) => l.direction === 'outbound')
    .map(onTime)
    .filter((v) => v !== null);
  const inUse = new Set(legs.flatMap((l) => (l.vehicle ? [l.vehicle.id] : [])));
  for (const d of deliveries)
    if (d.vehicle && (BOOKED_DELIVERY_STATUSES as readonly string[]).includes(d.status))
      inUse.add(d.vehicle.id);
  for (const v of vehicles) if (v.status === 'on_job') inUse.add(v.id);
  const onDuty = vehicles.filter((v) => v.status !== 'off').length;

  const unmet = live.filter((r) => !isServed(r));
  const byCompound = new Map<string, Map<string, number>>();
  for (const r of unmet) {
    const row = byCompound.get(r.compoundId) ?? new Map<string, number>();
    row.set(r.service, (row.get(r.service) ?? 0) + 1);
    byCompound.set(r.compoundId, row);
  }
  const services = SERVICES.filter((s) => unmet.some((r) => r.service === s));
  const compoundName = new Map(overview.compounds.map((c) => [c.compoundId, c.name]));
  const servedPct = percent(served, live.length);
  const reasonLabel = (code: string) => {
    const key = UNMET_REASONS[code];
    return key ? t(key) : code;
  };
  const onTimePct = percent(judged.filter(Boolean).length, judged.length);

  return (
    <section className="card key-figures" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dispatch.figures.title')}</h2>
      <dl className="figure-grid">
        <div>
          <dt>{t('dispatch.figures.served')}</dt>
          <dd>
            <strong>{servedPct === null ? '—' : `${servedPct}%`}</strong>
            <span className="muted">{t('dispatch.figures.servedOf', { served, total: live.length })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dispatch.figures.onTime')}</dt>
          <dd>
            <strong>{onTimePct === null ? '—' : `${onTimePct}%`}</strong>
            <span className="muted">{t('dispatch.figures.onTimeOf', { count: judged.length })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dispatch.figures.vehicles')}</dt>
          <dd>
            <strong>{inUse.size}</strong>
            <span className="muted">{t('dispatch.figures.vehiclesOf', { total: onDuty })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dispatch.figures.unmet')}</dt>
          <dd>
            <strong>{unmet.length}</strong>
            <span className="muted">
              {t('dispatch.figures.patients', { count: overview.totals.activePatients })}
            </span>
          </dd>
        </div>
      </dl>
      <p className="ways-figures" data-testid="ways-figures">
        <span className="muted">{t('dispatch.figures.byWay')}</span>
        {WAYS_OF_SERVICE.map((way) => {
          const own = live.filter((r) => r.serveBy === way);
          return (
            <span key={way} data-way={way}>
              {t('dispatch.figures.wayServed', {
                way: t(`way.${way}`),
                served: own.filter(isServed).length,
                total: own.length,
              })}
            </span>
          );
        })}
      </p>
      {Object.keys(overview.careWays.unmetByReason).length > 0 ? (
        <p className="ways-figures" data-testid="unmet-reasons">
          <span className="muted">{t('dispatch.figures.unmetByReason')}</span>
          {Object.entries(overview.careWays.unmetByReason).map(([reason, n]) => (
            <span key={reason}>
              {reasonLabel(reason)} {n}
            </span>
          ))}
        </p>
      ) : null}
      {unmet.length > 0 ? (
        <details className="table-scroll">
          <summary>{t('dispatch.figures.unmetTable')}</summary>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t('dispatch.compound')}</th>
                {services.map((s) => (
                  <th scope="col" key={s}>
                    {t(`service.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...byCompound].map(([compoundId, row]) => (
                <tr key={compoundId}>
                  <th scope="row">{compoundName.get(compoundId) ?? compoundId}</th>
                  {services.map((s) => (
                    <td key={s}>{row.get(s) ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : (
        <p className="muted">{t('dispatch.figures.noUnmet')}</p>
      )}
      {Object.values(overview.unmatched).some((n) => n > 0) ? (
        <p className="alert alert-info">
          {t('dispatch.figures.unmatched', {
            list: SERVICES.filter((s) => (overview.unmatched[s] ?? 0) > 0)
              .map((s) => `${t(`service.${s}`)} ${overview.unmatched[s]}`)
              .join('、'),
          })}
        </p>
      ) : null}
    </section>
  );
}

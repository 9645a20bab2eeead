import type { Compound, Hospital, LegView, Overview, Vehicle, Zone } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { LivePosition } from './use-live-vehicles.ts';

export type Selection = { kind: 'compound' | 'hospital' | 'vehicle' | 'zone' | 'leg'; id: string } | null;

/** When a leg picks up: planned, else its window's start. */
const pickupOf = (leg: LegView) => leg.plannedPickupAt ?? leg.pickupWindow[0];

/**
 * Facts about what was clicked on the map, at the top of the side panel beside it (the map itself is not
 * readable by screen readers); a vehicle lists its jobs of the day, each opening its leg on the map.
 */
export function SelectionDetails({
  selection,
  compounds,
  hospitals,
  vehicles,
  zones,
  overview,
  positions,
  legs,
  legsById,
  onSelectLeg,
  onClose,
}: {
  selection: Selection;
  compounds: readonly Compound[];
  hospitals: readonly Hospital[];
  vehicles: readonly Vehicle[];
  zones: readonly Zone[];
  overview: Overview | undefined;
  positions: ReadonlyMap<string, LivePosition>;
  legs: readonly LegView[];
  legsById: ReadonlyMap<string, LegView>;
  onSelectLeg: (legId: string) => void;
  onClose: () => void;
}) {
  const { t, formatTime, formatDateTime, formatWhen } = useI18n();
  if (!selection) return <p className="muted selection">{t('map.selectHint')}</p>;

  const body = (() => {
    switch (selection.kind) {
      case 'compound': {
        const c = compounds.find((x) => x.id === selection.id);
        if (!c) return null;
        const demand = overview?.compounds.find((x) => x.compoundId === c.id);
        return (
          <>
            <h3>{c.name}</h3>
            <dl className="facts">
              <dt>{t('dispatch.level')}</dt>
              <dd>
                <span className={`level-chip level-${c.level}`}>{t(`compoundLevel.${c.level}`)}</span>
              </dd>
              <dt>{t('dispatch.gates')}</dt>
              <dd>{c.gates.map((g) => g.name).join('、')}</dd>
              {demand ? (
                <>
                  <dt>{t('dispatch.activePatients')}</dt>
                  <dd>{demand.patients.active}</dd>
                  <dt>{t('dispatch.requestsToday')}</dt>
                  <dd>
                    {demand.requests.total}
                    {demand.requests.emergency > 0
                      ? ` (${t('urgency.emergency')} ${demand.requests.emergency})`
                      : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </>
        );
      }
      case 'hospital': {
        const h = hospitals.find((x) => x.id === selection.id);
        if (!h) return null;
        const load = overview?.hospitals.find((x) => x.hospitalId === h.id);
        return (
          <>
            <h3>{h.name}</h3>
            <dl className="facts">
              <dt>{t('hospital.statusLabel')}</dt>
              <dd>{t(`hospital.status.${h.status}`)}</dd>
              <dt>{t('hospital.crowdingLabel')}</dt>
              <dd>{t(`crowding.${h.crowding}`)}</dd>
              <dt>{t('hospital.acceptsPositive')}</dt>
              <dd>{h.acceptsPositive ? t('common.yes') : t('common.no')}</dd>
            </dl>
            {load && load.services.length > 0 ? (
              <table className="data-table compact">
                <caption>{t('dispatch.capacityToday')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('hospital.service')}</th>
                    <th scope="col">{t('hospital.capacity')}</th>
                    <th scope="col">{t('dispatch.demand')}</th>
                  </tr>
                </thead>
                <tbody>
                  {load.services.map((s) => (
                    <tr key={s.service} className={s.demand > s.capacity ? 'over' : undefined}>
                      <th scope="row">{t(`service.${s.service}`)}</th>
                      <td>{s.capacity}</td>
                      <td>{s.demand}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        );
      }
      case 'vehicle': {
        const v = vehicles.find((x) => x.id === selection.id);
        if (!v) return null;
        const live = positions.get(v.id);
        const jobs = legs
          .filter((l) => l.vehicle?.id === v.id)
          .sort((a, b) => (pickupOf(a) ?? '').localeCompare(pickupOf(b) ?? ''));
        return (
          <>
            <h3>
              {v.plate} {v.callSign}
            </h3>
            <dl className="facts">
              <dt>{t('dispatch.vehicleKind')}</dt>
              <dd>{t(`vehicleKind.${v.kind}`)}</dd>
              <dt>{t('dispatch.vehicleStatus')}</dt>
              <dd>{t(`vehicleStatus.${v.status}`)}</dd>
              <dt>{t('dispatch.driver')}</dt>
              <dd>{v.driver?.name ?? '—'}</dd>
              <dt>{t('dispatch.capacity')}</dt>
              <dd>
                {t('dispatch.places', {
                  seats: v.seats,
                  wheelchairs: v.wheelchairPlaces,
                  stretchers: v.stretchers,
                })}
              </dd>
              <dt>{t('dispatch.shift')}</dt>
              <dd>
                {v.shiftStart}–{v.shiftEnd}
              </dd>
              <dt>{t('dispatch.position')}</dt>
              <dd>
                {live
                  ? `${t(live.stale ? 'dispatch.position.stale' : 'dispatch.position.live')} · ${formatTime(live.receivedAt)}`
                  : t('dispatch.position.atBase')}
              </dd>
            </dl>
            <h4>{t('dispatch.vehicleJobs', { count: jobs.length })}</h4>
            {jobs.length === 0 ? (
              <p className="muted">{t('dispatch.vehicleJobs.none')}</p>
            ) : (
              <ul className="vehicle-jobs">
                {jobs.map((l) => {
                  const at = pickupOf(l);
                  return (
                    <li key={l.id} className={l.urgency === 'emergency' ? 'urgent' : undefined}>
                      <button type="button" className="link-button" onClick={() => onSelectLeg(l.id)}>
                        {at ? <time dateTime={at}>{formatWhen(at)}</time> : null}{' '}
                        {l.urgency === 'emergency' ? (
                          <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                        ) : null}{' '}
                        {l.patient.name} · {t(`direction.${l.direction}`)} · {t(`legStatus.${l.status}`)}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        );
      }
      case 'zone': {
        const z = zones.find((x) => x.id === selection.id);
        if (!z) return null;
        return (
          <>
            <h3>{z.name}</h3>
            <dl className="facts">
              <dt>{t('dispatch.level')}</dt>
              <dd>
                <span className={`level-chip level-${z.level}`}>{t(`compoundLevel.${z.level}`)}</span>
              </dd>
              <dt>{t('dispatch.zones.validFrom')}</dt>
              <dd>{formatDateTime(z.validFrom)}</dd>
              <dt>{t('dispatch.zones.validTo')}</dt>
              <dd>{z.validTo ? formatDateTime(z.validTo) : t('dispatch.zones.untilEnded')}</dd>
            </dl>
          </>
        );
      }
      case 'leg': {
        const leg = legsById.get(selection.id);
        if (!leg) return null;
        const pickup = leg.plannedPickupAt ?? leg.pickupWindow[0];
        return (
          <>
            <h3>
              {leg.urgency === 'emergency' ? (
                <span className="badge badge-emergency">{t('urgency.emergency')}</span>
              ) : null}{' '}
              {t('dispatch.leg.title', { name: leg.patient.name })}
            </h3>
            <dl className="facts">
              <dt>{t('dispatch.leg.route')}</dt>
              <dd>
                {leg.direction === 'outbound'
                  ? `${leg.compound.name} · ${leg.gate.name} → ${leg.hospital.name}`
                  : `${leg.hospital.name} → ${leg.compound.name} · ${leg.gate.name}`}
              </dd>
              <dt>{t('dispatch.leg.status')}</dt>
              <dd>{t(`legStatus.${leg.status}`)}</dd>
              <dt>{t('dispatch.leg.pickup')}</dt>
              <dd>{pickup ? formatWhen(pickup) : '—'}</dd>
              <dt>{t('driver.vehicle')}</dt>
              <dd>{leg.vehicle?.plate ?? '—'}</dd>
            </dl>
          </>
        );
      }
      default:
        return exhaustive(selection.kind);
    }
  })();

  return (
    <div className="selection" aria-live="polite">
      {body}
      <button type="button" onClick={onClose}>
        {t('dispatch.close')}
      </button>
    </div>
  );
}

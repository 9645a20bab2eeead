import type { LegView, Vehicle } from '@lastmeter/shared';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { legSpan } from './AssignLeg.tsx';
import { cityMidnight } from './time.ts';

const FIRST_HOUR = 6;
const LAST_HOUR = 22;
const HOURS = Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => FIRST_HOUR + i);

/**
 * One row per vehicle with its legs as bars on the day's time axis (06:00–22:00). Each bar is a button:
 * its text and label carry the patient, direction and times, so the timeline reads without colour or a mouse.
 */
export function VehicleTimeline({
  date,
  vehicles,
  legs,
  onSelectLeg,
}: {
  date: string;
  vehicles: readonly Vehicle[];
  legs: readonly LegView[];
  onSelectLeg: (leg: LegView) => void;
}) {
  const { t, formatTime } = useI18n();
  const headingId = useId();
  const start = cityMidnight(date) + FIRST_HOUR * 3_600_000;
  const span = (LAST_HOUR - FIRST_HOUR) * 3_600_000;
  const at = (ms: number) => Math.min(100, Math.max(0, ((ms - start) / span) * 100));
  const byVehicle = new Map<string, LegView[]>();
  for (const leg of legs) {
    if (!leg.vehicle) continue;
    const list = byVehicle.get(leg.vehicle.id) ?? [];
    list.push(leg);
    byVehicle.set(leg.vehicle.id, list);
  }
  const rows = vehicles.filter((v) => byVehicle.has(v.id));

  return (
    <section aria-labelledby={headingId} className="panel-section">
      <h2 id={headingId}>{t('dispatch.timeline.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('dispatch.timeline.empty')}</p>
      ) : (
        <div className="timeline">
          <div className="timeline-axis" aria-hidden="true">
            {HOURS.filter((h) => h % 2 === 0).map((h) => (
              <span key={h} style={{ left: `${((h - FIRST_HOUR) / (LAST_HOUR - FIRST_HOUR)) * 100}%` }}>
                {String(h).padStart(2, '0')}
              </span>
            ))}
          </div>
          <ul className="timeline-rows">
            {rows.map((vehicle) => (
              <li key={vehicle.id} className="timeline-row">
                <span className="timeline-vehicle">
                  {vehicle.plate}
                  <span className="muted"> {t(`vehicleKind.${vehicle.kind}`)}</span>
                </span>
                <span className="timeline-track">
                  {(byVehicle.get(vehicle.id) ?? []).map((leg) => {
                    const s = legSpan(leg);
                    if (!s) return null;
                    const left = at(s[0]);
                    const width = Math.max(1.2, at(s[1]) - left);
                    const emergency = leg.urgency === 'emergency';
                    const label = `${emergency ? `${t('urgency.emergency')} · ` : ''}${leg.patient.name} · ${t(`direction.${leg.direction}`)} · ${formatTime(s[0])}–${formatTime(s[1])} · ${t(`legStatus.${leg.status}`)}`;
                    return (
                      <button
                        type="button"
                        key={leg.id}
                        className={`timeline-bar ${leg.direction} status-${leg.status}${emergency ? ' emergency' : ''}`}
                        style={{ left: `${left}%`, width: `${width}%` }}
                        title={label}
                        aria-label={label}
                        onClick={() => onSelectLeg(leg)}
                      >
                        {leg.patient.name}
                      </button>
                    );
                  })}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted timeline-key">
            <span className="swatch outbound" aria-hidden="true" /> {t('direction.outbound')}{' '}
            <span className="swatch return" aria-hidden="true" /> {t('direction.return')}
          </p>
        </div>
      )}
    </section>
  );
}

import {
  type DeliveryView,
  deliveryFlags,
  type LegView,
  OPEN_DELIVERY_STATUSES,
  type Vehicle,
} from '@lastmeter/shared';
import { formatPlannerReason, reasonSchema } from '@lastmeter/shared/planner.ts';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useNow } from '../../lib/use-now.ts';
import { AssignDelivery } from './AssignDelivery.tsx';

const OPEN: ReadonlySet<DeliveryView['status']> = new Set(OPEN_DELIVERY_STATUSES);

/**
 * The day's medicine deliveries beside the legs (docs/product.md rule 10): pharmacy → gate, the gate's
 * window, where each stands and on which vehicle; those without a vehicle or late first, each with
 * what is wrong, and a parcel nobody has collected yet can be put on a vehicle by hand.
 */
export function DayDeliveries({
  deliveries,
  vehicles,
  legs,
  districtId,
}: {
  deliveries: readonly DeliveryView[];
  vehicles: readonly Vehicle[];
  legs: readonly LegView[];
  districtId: string;
}) {
  const { t, locale, formatTime } = useI18n();
  const now = useNow();
  const headingId = useId();
  const [assigning, setAssigning] = useState<string | null>(null);
  const live = deliveries.filter((d) => d.status !== 'cancelled');
  const flagged = live.map((d) => ({ delivery: d, flags: deliveryFlags(d, new Date(now)) }));
  const attention = ({ flags }: (typeof flagged)[number]) =>
    Number(flags.late) * 2 + Number(flags.unassigned);
  const sorted = [...flagged].sort(
    (a, b) =>
      attention(b) - attention(a) ||
      a.delivery.dropoffWindow[0].localeCompare(b.delivery.dropoffWindow[0]) ||
      a.delivery.parcelNo.localeCompare(b.delivery.parcelNo),
  );
  const unassigned = flagged.filter((f) => f.flags.unassigned).length;
  const late = flagged.filter((f) => f.flags.late).length;
  const chosen = assigning ? deliveries.find((d) => d.id === assigning) : undefined;

  return (
    <section aria-labelledby={headingId} className="panel-section day-deliveries">
      <h2 id={headingId}>{t('dispatch.deliveries.title', { count: live.length })}</h2>
      {live.length ? (
        <p className="muted" role="status">
          {t('dispatch.deliveries.summary', { unassigned, late })}
        </p>
      ) : null}
      {chosen ? (
        <AssignDelivery
          key={chosen.id}
          delivery={chosen}
          vehicles={vehicles}
          legs={legs}
          deliveries={deliveries}
          districtId={districtId}
          onDone={() => setAssigning(null)}
        />
      ) : null}
      {live.length === 0 ? (
        <p className="muted">{t('dispatch.deliveries.empty')}</p>
      ) : (
        <ul className="queue-list delivery-list">
          {sorted.map(({ delivery: d, flags }) => {
            const unserved = d.unserved ? reasonSchema.safeParse(d.unserved) : null;
            return (
              <li
                key={d.id}
                data-delivery-id={d.id}
                data-status={d.status}
                className={flags.late ? 'urgent' : undefined}
              >
                <div>
                  <strong className="parcel-no">{d.parcelNo}</strong> · {d.patient.name}
                  {flags.unassigned ? (
                    <span className="badge badge-late">{t('dispatch.deliveries.unassigned')}</span>
                  ) : null}
                  {flags.late ? (
                    <span className="badge badge-urgent">{t('dispatch.deliveries.late')}</span>
                  ) : null}
                  <span className="block">
                    {d.pharmacy.name} → {d.compound.name} {d.gate.name}
                  </span>
                  <span className="block muted">
                    {t('delivery.window', {
                      from: formatTime(d.dropoffWindow[0]),
                      to: formatTime(d.dropoffWindow[1]),
                    })}
                    {d.plannedDropoffAt
                      ? ` · ${t('dispatch.deliveries.plannedAt', {
                          pickup: formatTime(d.plannedPickupAt ?? d.plannedDropoffAt),
                          dropoff: formatTime(d.plannedDropoffAt),
                        })}`
                      : ''}
                  </span>
                  <span className="block">
                    {t(`delivery.status.${d.status}`)}
                    {d.vehicle ? (
                      <>
                        {' · '}
                        <span className="plate">{d.vehicle.plate}</span>
                      </>
                    ) : unserved?.success ? (
                      ` · ${formatPlannerReason(unserved.data, locale)}`
                    ) : null}
                  </span>
                </div>
                {OPEN.has(d.status) ? (
                  <button
                    type="button"
                    aria-label={t(
                      d.vehicle ? 'dispatch.deliveries.reassignOne' : 'dispatch.deliveries.assignOne',
                      {
                        parcel: d.parcelNo,
                      },
                    )}
                    onClick={() => setAssigning(d.id)}
                  >
                    {d.vehicle ? t('dispatch.deliveries.reassign') : t('dispatch.deliveries.assign')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

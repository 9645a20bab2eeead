import { type DriverDeliveryView, deliveryTimeRefusal, openDeliverySteps } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { cityTimeZone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { playAlert } from '../../lib/alert.ts';
import { useNow } from '../../lib/use-now.ts';
import { useSocketEvent } from '../../realtime/socket.ts';
import { navigationLinks } from '../driver/JobCard.tsx';
import { NotOpen } from '../driver/NotOpen.tsx';
import { lastKnownPosition } from '../driver/position.ts';
import { DELIVERY_EVENT, deliveryKeys, myDeliveriesQuery, useDriverDeliveryStep } from './api.ts';

/**
 * The driver's medicine deliveries (issue 12), beside the patient jobs: collect at the pharmacy, leave
 * at the gate. Contactless — the card shows only the masked name, the building and the parcel number.
 */
export function DriverDeliveries() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery(myDeliveriesQuery);
  const headingId = useId();
  useSocketEvent('event', (event) => {
    if (event.type !== DELIVERY_EVENT) return;
    playAlert();
    void queryClient.invalidateQueries({ queryKey: deliveryKeys.mine });
  });
  const deliveries = list.data ?? [];
  if (deliveries.length === 0) return null;
  return (
    <section className="driver-deliveries" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('driver.deliveries', { count: deliveries.length })}</h2>
      <ul className="delivery-list">
        {deliveries.map((delivery) => (
          <li key={delivery.id}>
            <DeliveryCard delivery={delivery} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DeliveryCard({ delivery }: { delivery: DriverDeliveryView }) {
  const { t, formatTime, formatOtherDay, describeError } = useI18n();
  const step = useDriverDeliveryStep();
  const otherDay = formatOtherDay(delivery.dropoffWindow[0]);
  const headingId = useId();
  const [next] = openDeliverySteps(delivery.status, 'driver');
  const now = new Date(useNow());
  // A parcel of another day is collected on its day only (the server's rule): no button before then.
  const notOpen = next ? deliveryTimeRefusal(next, delivery, now, cityTimeZone()) : null;
  const collecting = delivery.status === 'assigned';
  const stop = collecting
    ? delivery.pharmacy
    : { ...delivery.gate, name: `${delivery.compound.name} · ${delivery.gate.name}` };
  const links = navigationLinks(stop);
  return (
    <article
      className="job-card delivery-card"
      aria-labelledby={headingId}
      data-status={delivery.status}
      data-other-day={otherDay ? true : undefined}
    >
      <header className="job-header">
        <h3 id={headingId}>{t('driver.deliveryTitle', { parcel: delivery.parcelNo })}</h3>
        <span className="badge" data-status={delivery.status}>
          {t(`delivery.status.${delivery.status}`)}
        </span>
      </header>
      {otherDay ? <p className="job-day">{t('driver.notToday', { day: otherDay })}</p> : null}
      <ol className="job-stops">
        <li data-current={collecting ? true : undefined}>
          <span className="stop-label">{t('delivery.pharmacy')}</span>
          <strong>{delivery.pharmacy.name}</strong>
          {delivery.plannedPickupAt ? (
            <time dateTime={delivery.plannedPickupAt}>{formatTime(delivery.plannedPickupAt)}</time>
          ) : null}
        </li>
        <li data-current={collecting ? undefined : true}>
          <span className="stop-label">{t('delivery.toGate')}</span>
          <strong>
            {delivery.compound.name} · {delivery.gate.name}
          </strong>
          {delivery.plannedDropoffAt ? (
            <time dateTime={delivery.plannedDropoffAt}>{formatTime(delivery.plannedDropoffAt)}</time>
          ) : null}
        </li>
      </ol>
      <dl className="facts">
        <dt>{t('delivery.parcel')}</dt>
        <dd className="parcel-no">{delivery.parcelNo}</dd>
        <dt>{t('delivery.recipient')}</dt>
        <dd>{delivery.recipient.name}</dd>
        <dt>{t('delivery.building')}</dt>
        <dd>
          {delivery.recipient.building
            ? t('delivery.buildingValue', { building: delivery.recipient.building })
            : '—'}
        </dd>
      </dl>
      <p className="muted">
        {t('delivery.window', {
          from: formatTime(delivery.dropoffWindow[0]),
          to: formatTime(delivery.dropoffWindow[1]),
        })}
      </p>
      <p className="field-hint">{t('delivery.contactless')}</p>
      {notOpen ? <NotOpen refusal={notOpen} /> : null}
      {!notOpen && (next === 'pick_up' || next === 'hand_to_gate') ? (
        <button
          type="button"
          className="button-primary button-huge button-block"
          disabled={step.isPending}
          onClick={() => step.mutate({ delivery, step: next, position: lastKnownPosition() ?? undefined })}
        >
          {t(`driver.step.${next}`)}
        </button>
      ) : null}
      <p className="job-nav">
        <a className="button-link" href={links.amap} target="_blank" rel="noreferrer">
          {t('driver.navigate', { place: stop.name })}
        </a>
      </p>
      {step.isError ? (
        <p className="field-error" role="alert">
          {describeError(step.error)}
        </p>
      ) : null}
    </article>
  );
}

import { BEFORE_GATE_DELIVERY_STATUSES, type DeliveryView, openDeliverySteps } from '@lastmeter/shared';
import { formatPlannerReason, reasonSchema } from '@lastmeter/shared/planner.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSocketEvent } from '../../realtime/socket.ts';
import { compoundDeliveriesQuery, DELIVERY_EVENT, deliveryKeys, useGateDeliveryStep } from './api.ts';
import { PrescriptionForm } from './PrescriptionForm.tsx';

const ORDER: Record<DeliveryView['status'], number> = {
  at_gate: 0,
  picked_up: 1,
  received: 2,
  assigned: 3,
  pending: 4,
  delivered: 5,
  cancelled: 6,
};

/**
 * 送药到户 at the gate (issue 12): today's parcels for the compound, live — confirm one arrived, hand
 * it to the household, or cancel one nobody has collected — and a form to enter a paper prescription.
 */
export function GateDeliveries({ compoundId }: { compoundId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery(compoundDeliveriesQuery(compoundId));
  const headingId = useId();
  useSocketEvent('event', (event) => {
    if (event.type === DELIVERY_EVENT)
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.compound(compoundId) });
  });
  const deliveries = [...(list.data ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const count = (...statuses: readonly DeliveryView['status'][]) =>
    deliveries.filter((d) => statuses.includes(d.status)).length;
  return (
    <section className="gate-deliveries" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('gate.deliveries', { count: deliveries.length })}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorWithRetry error={list.error} retry={() => void list.refetch()} />
      ) : deliveries.length === 0 ? (
        <p className="empty">{t('gate.deliveriesEmpty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('gate.deliveriesSummary', {
              onWay: count(...BEFORE_GATE_DELIVERY_STATUSES),
              atGate: count('at_gate'),
              received: count('received'),
              delivered: count('delivered'),
            })}
          </p>
          <ul className="gate-list">
            {deliveries.map((delivery) => (
              <GateDelivery key={delivery.id} delivery={delivery} compoundId={compoundId} />
            ))}
          </ul>
        </>
      )}
      <PrescriptionForm compoundId={compoundId} />
    </section>
  );
}

function GateDelivery({ delivery, compoundId }: { delivery: DeliveryView; compoundId: string }) {
  const { t, locale, formatTime, describeError } = useI18n();
  const step = useGateDeliveryStep(compoundId);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const labelId = useId();
  const open = openDeliverySteps(delivery.status, 'gatekeeper');
  const unserved = delivery.unserved ? reasonSchema.safeParse(delivery.unserved) : null;
  const at = delivery.plannedDropoffAt ?? delivery.dropoffWindow[0];
  return (
    <li className="gate-item delivery-item" data-status={delivery.status} aria-labelledby={labelId}>
      <div className="gate-time">
        <span className="gate-direction">{t('delivery.parcel')}</span>
        <time dateTime={at}>{formatTime(at)}</time>
      </div>
      <div className="gate-who">
        <strong id={labelId}>
          <span className="parcel-no">{delivery.parcelNo}</span> · {delivery.patient.name}
        </strong>
        <div>
          {[delivery.patient.building, delivery.patient.unit].filter(Boolean).join('-') || '—'} ·{' '}
          {delivery.pharmacy.name} → {delivery.gate.name}
        </div>
        <div>
          {delivery.vehicle ? <span className="plate">{delivery.vehicle.plate}</span> : null}{' '}
          <span className="badge" data-status={delivery.status}>
            {t(`delivery.status.${delivery.status}`)}
          </span>
        </div>
        {delivery.status === 'pending' ? (
          <p className="muted">
            {unserved?.success
              ? t('gate.deliveryUnserved', { reason: formatPlannerReason(unserved.data, locale) })
              : t('gate.deliveryNoVehicle')}
          </p>
        ) : null}
        <details>
          <summary>{t('gate.medicines')}</summary>
          <ul>
            {delivery.prescription.items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a prescription's lines have no id and never reorder
              <li key={index}>
                {item.name} × {item.quantity}
                {item.instructions ? <span className="muted"> — {item.instructions}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div className="gate-action">
        {open.includes('receive') ? (
          <button
            type="button"
            className="button-primary button-huge"
            disabled={step.isPending}
            aria-describedby={labelId}
            onClick={() => step.mutate({ delivery, step: 'receive' })}
          >
            {t('gate.receive')}
          </button>
        ) : null}
        {open.includes('hand_over') ? (
          <button
            type="button"
            className="button-success button-huge"
            disabled={step.isPending}
            aria-describedby={labelId}
            onClick={() => step.mutate({ delivery, step: 'hand_over' })}
          >
            {t('gate.handOver')}
          </button>
        ) : null}
        {open.includes('cancel') && !cancelling ? (
          <button type="button" className="button-danger-outline" onClick={() => setCancelling(true)}>
            {t('gate.cancelDelivery')}
          </button>
        ) : null}
        {cancelling ? (
          <form
            className="gate-confirm"
            onSubmit={(event) => {
              event.preventDefault();
              step.mutate({ delivery, step: 'cancel', note: reason.trim() });
              setCancelling(false);
            }}
          >
            <p>{t('gate.cancelDeliveryConfirm', { parcel: delivery.parcelNo })}</p>
            <div className="field">
              <label htmlFor={`${labelId}-reason`}>{t('gate.cancelReason')}</label>
              <input
                id={`${labelId}-reason`}
                value={reason}
                maxLength={300}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button-danger">
                {t('gate.cancelDelivery')}
              </button>
              <button type="button" onClick={() => setCancelling(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
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

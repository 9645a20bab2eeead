import {
  AssignDeliveryBody,
  type DeliveryView,
  DeliveryView as DeliveryViewSchema,
  type LegView,
  type Vehicle,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { describeClash } from './clash.ts';
import { dispatchKeys } from './queries.ts';
import { cityLocalToIso, isoToCityLocal } from './time.ts';

/**
 * Put one parcel on a vehicle by hand, or move it (docs/product.md rule 10): the server's schedule gate
 * decides, and a refusal says which rule and whose legs are in the way. Ambulances take no medicines.
 */
export function AssignDelivery({
  delivery,
  vehicles,
  legs,
  deliveries,
  districtId,
  onDone,
}: {
  delivery: DeliveryView;
  vehicles: readonly Vehicle[];
  legs: readonly LegView[];
  deliveries: readonly DeliveryView[];
  districtId: string;
  onDone: () => void;
}) {
  const { t, locale, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const formId = useId();
  const [vehicleId, setVehicleId] = useState(delivery.vehicle?.id ?? '');
  const [pickupAt, setPickupAt] = useState(
    delivery.plannedPickupAt ? isoToCityLocal(delivery.plannedPickupAt) : '',
  );
  const [fieldError, setFieldError] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: (body: AssignDeliveryBody) =>
      api.post(`/deliveries/${delivery.id}/assign`, DeliveryViewSchema, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) });
      onDone();
    },
  });
  const ruleBroken =
    assign.error instanceof ApiError && assign.error.code === 'schedule_rule'
      ? describeClash(assign.error, {
          legsById: new Map(legs.map((l) => [l.id, l])),
          parcelsById: new Map(deliveries.map((d) => [d.id, d])),
          vehicles: new Map(vehicles.map((v) => [v.id, v.plate])),
          locale,
          t,
          formatTime,
        })
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AssignDeliveryBody.safeParse({
      vehicleId,
      version: delivery.version,
      ...(pickupAt ? { pickupAt: cityLocalToIso(pickupAt) } : {}),
    });
    if (!parsed.success) {
      setFieldError(t('dispatch.assign.chooseVehicle'));
      return;
    }
    setFieldError(null);
    assign.mutate(parsed.data);
  };
  const vehicleLabel = (v: Vehicle) =>
    `${v.plate}${v.callSign ? ` ${v.callSign}` : ''} · ${t(`vehicleKind.${v.kind}`)} · ${t(`vehicleStatus.${v.status}`)}`;

  return (
    <form
      className="assign-form assign-delivery-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h3 id={`${formId}-title`}>
        {delivery.vehicle ? t('dispatch.deliveries.reassignTitle') : t('dispatch.deliveries.assignTitle')}
      </h3>
      <p>
        <strong>{delivery.parcelNo}</strong> · {delivery.patient.name} · {delivery.pharmacy.name} →{' '}
        {delivery.compound.name} {delivery.gate.name}
        <br />
        <span className="muted">
          {t('delivery.window', {
            from: formatTime(delivery.dropoffWindow[0]),
            to: formatTime(delivery.dropoffWindow[1]),
          })}
        </span>
      </p>
      <p className="field-hint">{t('dispatch.deliveries.rule')}</p>
      <div className="field">
        <label htmlFor={`${formId}-vehicle`}>{t('dispatch.assign.vehicle')}</label>
        <select
          id={`${formId}-vehicle`}
          value={vehicleId}
          onChange={(e) => setVehicleId(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${formId}-vehicle-error` : undefined}
        >
          <option value="">{t('dispatch.assign.choose')}</option>
          {vehicles.map((v) => (
            <option key={v.id} value={v.id} disabled={v.status === 'off' || v.kind === 'ambulance_120'}>
              {vehicleLabel(v)}
            </option>
          ))}
        </select>
        {fieldError ? (
          <p id={`${formId}-vehicle-error`} className="field-error">
            {fieldError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-pickup`}>{t('dispatch.deliveries.pickupAt')}</label>
        <p className="field-hint" id={`${formId}-pickup-hint`}>
          {t('dispatch.deliveries.pickupHint')}
        </p>
        <input
          id={`${formId}-pickup`}
          type="datetime-local"
          value={pickupAt}
          onChange={(e) => setPickupAt(e.target.value)}
          aria-describedby={`${formId}-pickup-hint`}
        />
      </div>
      {assign.isError ? (
        <div className="alert alert-error" role="alert">
          <p>{describeError(assign.error)}</p>
          {ruleBroken ? <p className="plan-clash">{ruleBroken}</p> : null}
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={assign.isPending}>
          {assign.isPending ? t('dispatch.assign.saving') : t('dispatch.assign.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('dispatch.close')}
        </button>
      </div>
    </form>
  );
}

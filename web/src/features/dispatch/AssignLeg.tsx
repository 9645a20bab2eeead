import {
  AssignLegBody,
  BookingClash,
  LegStepBody,
  type LegView,
  LegView as LegViewSchema,
  type Vehicle,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { dispatchKeys } from './queries.ts';
import { cityLocalToIso, isoToCityLocal } from './time.ts';

/** When a leg holds its vehicle: planned times, else its windows. */
export function legSpan(leg: LegView): [number, number] | null {
  const from = leg.plannedPickupAt ?? leg.pickupWindow[0] ?? leg.dropoffWindow[0];
  const to = leg.plannedDropoffAt ?? leg.dropoffWindow[1] ?? leg.pickupWindow[1];
  return from && to ? [Date.parse(from), Date.parse(to)] : null;
}

/** The booking the server says the refused one overlaps (the 409's `clash`), if it sent one. */
function clashOf(error: unknown): BookingClash | null {
  if (!(error instanceof ApiError) || error.code !== 'booking_conflict') return null;
  const parsed = BookingClash.safeParse(error.extra.clash);
  return parsed.success && parsed.data.on ? parsed.data : null;
}

/** Assign or reassign one leg by hand; a refused booking says what it clashes with. */
export function AssignLeg({
  leg,
  vehicles,
  legs,
  districtId,
  onDone,
}: {
  leg: LegView;
  vehicles: readonly Vehicle[];
  legs: readonly LegView[];
  districtId: string;
  onDone: () => void;
}) {
  const { t, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const formId = useId();
  const [vehicleId, setVehicleId] = useState(leg.vehicle?.id ?? '');
  const [pickupAt, setPickupAt] = useState(leg.plannedPickupAt ? isoToCityLocal(leg.plannedPickupAt) : '');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) });
  const assign = useMutation({
    mutationFn: (body: AssignLegBody) => api.post(`/legs/${leg.id}/assign`, LegViewSchema, body),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const clash = clashOf(assign.error);
  const clashLeg = clash?.legId ? legs.find((l) => l.id === clash.legId) : undefined;
  const unassign = useMutation({
    mutationFn: () =>
      api.post(`/legs/${leg.id}/unassign`, LegViewSchema, LegStepBody.parse({ version: leg.version })),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AssignLegBody.safeParse({
      vehicleId,
      version: leg.version,
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
  const plate = (id: string | undefined) => vehicles.find((v) => v.id === id)?.plate ?? '';

  return (
    <form className="assign-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>
        {leg.vehicle ? t('dispatch.assign.reassignTitle') : t('dispatch.assign.title')}
      </h3>
      <p>
        <strong>{leg.patient.name}</strong> · {t(`direction.${leg.direction}`)} · {leg.compound.name} →{' '}
        {leg.hospital.name}
        <br />
        <span className="muted">
          {t(`mobility.${leg.patient.mobility}`)} · {t(`infection.${leg.patient.infectionClass}`)} ·{' '}
          {t('dispatch.companions', { count: leg.patient.companions })}
        </span>
      </p>
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
            <option key={v.id} value={v.id} disabled={v.status === 'off'}>
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
        <label htmlFor={`${formId}-pickup`}>{t('dispatch.assign.pickupAt')}</label>
        <p className="field-hint" id={`${formId}-pickup-hint`}>
          {t('dispatch.assign.pickupHint')}
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
          {clash ? (
            <>
              <p>{t('dispatch.assign.clashesWith')}</p>
              <ul>
                <li>
                  {clash.on === 'patient'
                    ? t('dispatch.assign.samePatient')
                    : clash.on === 'driver'
                      ? t('dispatch.assign.sameDriver', { plate: plate(clash.vehicleId ?? undefined) })
                      : t('dispatch.assign.sameVehicle', { plate: plate(clash.vehicleId ?? undefined) })}
                  {clashLeg
                    ? `: ${clashLeg.patient.name} · ${t(`direction.${clashLeg.direction}`)} · ${clashLeg.compound.name} → ${clashLeg.hospital.name}`
                    : ''}
                  {clash.from && clash.to ? ` · ${formatTime(clash.from)}–${formatTime(clash.to)}` : ''}
                  {clash.status ? ` · ${t(`legStatus.${clash.status}`)}` : ''}
                </li>
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {unassign.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(unassign.error)}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={assign.isPending}>
          {assign.isPending ? t('dispatch.assign.saving') : t('dispatch.assign.submit')}
        </button>
        {leg.vehicle && leg.status === 'assigned' ? (
          <button type="button" onClick={() => unassign.mutate()} disabled={unassign.isPending}>
            {t('dispatch.assign.unassign')}
          </button>
        ) : null}
        <button type="button" onClick={onDone}>
          {t('dispatch.close')}
        </button>
      </div>
    </form>
  );
}

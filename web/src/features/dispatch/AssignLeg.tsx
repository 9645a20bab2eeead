import {
  AssignLegBody,
  BookingClash,
  formatScheduleViolation,
  LegStepBody,
  type LegView,
  LegView as LegViewSchema,
  type Vehicle,
  VehicleSuggestion,
} from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { z } from 'zod';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { describeClash } from './clash.ts';
import { dispatchKeys } from './queries.ts';
import { cityLocalToIso, isoToCityLocal } from './time.ts';

/** How many ranked vehicles the form shows as suggestions; the dropdown below still has all, ranked. */
const SUGGESTIONS_SHOWN = 6;

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
  const { t, locale, describeError, formatTime, formatWhen } = useI18n();
  const queryClient = useQueryClient();
  const formId = useId();
  const [vehicleId, setVehicleId] = useState(leg.vehicle?.id ?? '');
  const [pickupAt, setPickupAt] = useState(leg.plannedPickupAt ? isoToCityLocal(leg.plannedPickupAt) : '');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const suggestions = useQuery({
    queryKey: [...dispatchKeys.district(districtId), 'vehicle-suggestions', leg.id, leg.version],
    queryFn: ({ signal }) =>
      api.get(`/legs/${leg.id}/vehicle-suggestions`, z.array(VehicleSuggestion), signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) });
  const assign = useMutation({
    mutationFn: (body: AssignLegBody) => api.post(`/legs/${leg.id}/assign`, LegViewSchema, body),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const clash = clashOf(assign.error);
  // A schedule rule in the way, named with the patients of the legs it concerns.
  const ruleBroken =
    assign.error instanceof ApiError && assign.error.code === 'schedule_rule'
      ? describeClash(assign.error, {
          legsById: new Map(legs.map((l) => [l.id, l])),
          vehicles: new Map(vehicles.map((v) => [v.id, v.plate])),
          locale,
          t,
          formatTime,
        })
      : null;
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
  /** What keeps a vehicle from the leg, in words: the schedule rule, or its duty, driver or booking. */
  const inTheWay = (s: VehicleSuggestion): string => {
    switch (s.rule) {
      case null:
        return '';
      case 'off_duty':
        return t('dispatch.suggest.offDuty');
      case 'no_driver':
        return t('dispatch.suggest.noDriver');
      case 'busy':
        return s.clash
          ? t('dispatch.suggest.busy', {
              name: s.clash.patientName,
              from: formatTime(s.clash.from),
              to: formatTime(s.clash.to),
            })
          : t('dispatch.suggest.busyUnknown');
      default:
        return formatScheduleViolation({ rule: s.rule, params: s.params }, locale);
    }
  };
  // The dropdown lists vehicles best fit first, like the suggestions above it.
  const rank = new Map((suggestions.data ?? []).map((s, i) => [s.vehicleId, i]));
  const ranked = [...vehicles].sort(
    (a, b) => (rank.get(a.id) ?? vehicles.length) - (rank.get(b.id) ?? vehicles.length),
  );
  const best = (suggestions.data ?? []).slice(0, SUGGESTIONS_SHOWN);
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
      {/* Not a labelled region: its heading would make "vehicle" name two controls of the form. */}
      <div className="suggestions">
        <h4 id={`${formId}-suggest`}>{t('dispatch.suggest.title')}</h4>
        {suggestions.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(suggestions.error)}
          </p>
        ) : !suggestions.data ? (
          <p className="muted">{t('dispatch.suggest.loading')}</p>
        ) : (
          <ol className="suggestion-list">
            {best.map((s) => {
              const late = Date.parse(s.etaAt) - Date.parse(s.pickupAt);
              return (
                <li key={s.vehicleId} data-fit={s.fit} data-vehicle-id={s.vehicleId}>
                  <div>
                    <strong>{s.plate}</strong> · {t(`vehicleKind.${s.kind}`)} ·{' '}
                    {t(`vehicleStatus.${s.status}`)}
                    <span className="block">
                      <span className={`badge fit-${s.fit}`}>{t(`dispatch.suggest.fit.${s.fit}`)}</span>{' '}
                      {t('dispatch.suggest.eta', { time: formatWhen(s.etaAt) })}
                      {late > 60_000
                        ? ` · ${t('dispatch.suggest.late', { minutes: Math.round(late / 60_000) })}`
                        : ''}
                    </span>
                    {s.rule ? <span className="block suggestion-rule">{inTheWay(s)}</span> : null}
                  </div>
                  <button
                    type="button"
                    aria-pressed={vehicleId === s.vehicleId}
                    disabled={s.fit === 'blocked'}
                    onClick={() => setVehicleId(s.vehicleId)}
                  >
                    {t('dispatch.suggest.choose', { plate: s.plate })}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
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
          {ranked.map((v) => (
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
          {ruleBroken ? <p className="plan-clash">{ruleBroken}</p> : null}
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

import {
  SERVICES,
  type Service,
  SetHospitalSlotsBody,
  SetSlotOverridesBody,
  type SlotChannel,
} from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { normalizePath, zodFieldErrors } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formErrorMap } from '../../i18n/zod.ts';
import { ApiError, api } from '../../lib/api.ts';
import { capacityQuery, hospitalKeys, slotsQuery } from './queries.ts';

interface Row {
  service: Service;
  startTime: string;
  endTime: string;
  capacity: string;
  weekday?: number;
  /** Places already held in the slot on the date (the day's table only; unknown for a new row). */
  booked?: number;
}

/** Messages by field path relative to the body (`slots.0.capacity`), the first issue of each. */
type SlotErrors = Partial<Record<string, string>>;

/** Field issues the server sent back (already in the request's language), on the same paths. */
function serverSlotErrors(error: unknown): SlotErrors {
  const out: SlotErrors = {};
  if (error instanceof ApiError)
    for (const issue of error.issues) out[normalizePath(issue.path)] ??= issue.message;
  return out;
}

/** What no cell shows (e.g. too many slots): said under the table. */
function otherErrors(errors: SlotErrors, rows: number): string[] {
  const cell = /^slots\.(\d+)\.(weekday|service|startTime|endTime|capacity)$/;
  return Object.entries(errors).flatMap(([path, message]) => {
    const match = cell.exec(path);
    return message && !(match && Number(match[1]) < rows) ? [message] : [];
  });
}

/** A slot whose places are all held (or over-held after its capacity was lowered). */
const isFull = (row: Row) =>
  row.booked !== undefined && row.capacity.trim() !== '' && row.booked >= Number(row.capacity);

/** Editable slot rows: service, start, end, capacity (and weekday for the template). */
function SlotRows({
  rows,
  onChange,
  withWeekday,
  errors,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  withWeekday: boolean;
  errors: SlotErrors;
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (index: number, patch: Partial<Row>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  /** A cell's error, announced with its control. */
  const checked = (index: number, field: keyof Row) => {
    const message = errors[`slots.${index}.${field}`];
    const errorId = `${id}-${index}-${field}-error`;
    return {
      control: {
        'aria-invalid': message ? true : undefined,
        'aria-describedby': message ? errorId : undefined,
      },
      error: message ? (
        <p id={errorId} className="field-error">
          {message}
        </p>
      ) : null,
    };
  };
  return (
    <div className="table-scroll">
      <table className="data-table compact slot-table">
        <thead>
          <tr>
            {withWeekday ? <th scope="col">{t('hospital.weekday')}</th> : null}
            <th scope="col">{t('hospital.service')}</th>
            <th scope="col">{t('hospital.start')}</th>
            <th scope="col">{t('hospital.end')}</th>
            <th scope="col">{t('hospital.capacity')}</th>
            {withWeekday ? null : <th scope="col">{t('hospital.capacity.booked')}</th>}
            <th scope="col">
              <span className="visually-hidden">{t('hospital.arrivals.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const label = (what: string) => `${what} ${i + 1}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id of their own.
              <tr key={i}>
                {withWeekday ? (
                  <td>
                    <select
                      aria-label={label(t('hospital.weekday'))}
                      {...checked(i, 'weekday').control}
                      value={row.weekday ?? 1}
                      onChange={(e) => set(i, { weekday: Number(e.target.value) })}
                    >
                      {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                        <option key={d} value={d}>
                          {t(`weekday.${d}` as 'weekday.1')}
                        </option>
                      ))}
                    </select>
                    {checked(i, 'weekday').error}
                  </td>
                ) : null}
                <td>
                  <select
                    aria-label={label(t('hospital.service'))}
                    {...checked(i, 'service').control}
                    value={row.service}
                    onChange={(e) => set(i, { service: e.target.value as Service })}
                  >
                    {SERVICES.map((s) => (
                      <option key={s} value={s}>
                        {t(`service.${s}`)}
                      </option>
                    ))}
                  </select>
                  {checked(i, 'service').error}
                </td>
                <td>
                  <input
                    aria-label={label(t('hospital.start'))}
                    {...checked(i, 'startTime').control}
                    type="time"
                    value={row.startTime}
                    onChange={(e) => set(i, { startTime: e.target.value })}
                  />
                  {checked(i, 'startTime').error}
                </td>
                <td>
                  <input
                    aria-label={label(t('hospital.end'))}
                    {...checked(i, 'endTime').control}
                    type="time"
                    value={row.endTime}
                    onChange={(e) => set(i, { endTime: e.target.value })}
                  />
                  {checked(i, 'endTime').error}
                </td>
                <td>
                  <input
                    aria-label={label(t('hospital.capacity'))}
                    {...checked(i, 'capacity').control}
                    type="number"
                    min={0}
                    inputMode="numeric"
                    value={row.capacity}
                    onChange={(e) => set(i, { capacity: e.target.value })}
                  />
                  {checked(i, 'capacity').error}
                </td>
                {withWeekday ? null : (
                  <td className="slot-booked" data-full={isFull(row) || undefined}>
                    {row.booked === undefined
                      ? '—'
                      : t('hospital.capacity.bookedOf', {
                          booked: row.booked,
                          capacity: row.capacity || '0',
                        })}
                  </td>
                )}
                <td>
                  <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                    {t('hospital.removeSlot')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const CHANNEL_PATHS = {
  on_site: { slots: 'slots', overrides: 'overrides', title: 'hospital.capacity.title' },
  online: { slots: 'online-slots', overrides: 'online-overrides', title: 'hospital.onlineCapacity.title' },
} as const satisfies Record<SlotChannel, { slots: string; overrides: string; title: MessageKey }>;

/** An emptied capacity stays missing (the schema says it is required) instead of becoming 0, which closes the slot. */
const toBody = (rows: Row[]) =>
  rows.map(({ booked: _booked, ...r }) => ({
    ...r,
    capacity: r.capacity.trim() === '' ? undefined : Number(r.capacity),
  }));

/**
 * Capacity per service and slot for one date (template + that date's overrides, editable as the
 * date's overrides), and the weekly template itself — of the patients who come (`on_site`) or of
 * online visits (`online`), the same model on its own routes.
 */
export function CapacityEditor({
  hospitalId,
  date,
  onDateChange,
  channel = 'on_site',
}: {
  hospitalId: string;
  date: string;
  onDateChange: (date: string) => void;
  channel?: SlotChannel;
}) {
  const paths = CHANNEL_PATHS[channel];
  const { t, locale, describeError } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const capacity = useQuery(capacityQuery(hospitalId, date, channel));
  const template = useQuery(slotsQuery(hospitalId, channel));
  const [dayRows, setDayRows] = useState<Row[] | null>(null);
  const [weekRows, setWeekRows] = useState<Row[] | null>(null);
  const [dayErrors, setDayErrors] = useState<SlotErrors>({});
  const [weekErrors, setWeekErrors] = useState<SlotErrors>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: hospitalKeys.hospital(hospitalId) });

  const saveDay = useMutation({
    mutationFn: (body: SetSlotOverridesBody) =>
      api.command('PUT', `/hospitals/${hospitalId}/${paths.overrides}/${date}`, body),
    onSuccess: () => {
      setDayRows(null);
      void refresh();
    },
    onError: (error) => setDayErrors(serverSlotErrors(error)),
  });
  const saveWeek = useMutation({
    mutationFn: (body: SetHospitalSlotsBody) =>
      api.command('PUT', `/hospitals/${hospitalId}/${paths.slots}`, body),
    onSuccess: () => {
      setWeekRows(null);
      void refresh();
    },
    onError: (error) => setWeekErrors(serverSlotErrors(error)),
  });

  const currentDay: Row[] =
    dayRows ??
    (capacity.data?.slots ?? []).map((s) => ({
      service: s.service,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: String(s.capacity),
      booked: s.booked,
    }));
  const currentWeek: Row[] =
    weekRows ??
    (template.data?.slots ?? []).map((s) => ({
      service: s.service,
      weekday: s.weekday,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: String(s.capacity),
    }));

  const submitDay = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SetSlotOverridesBody.safeParse(
      { slots: toBody(currentDay).map(({ weekday: _w, ...r }) => r) },
      { error: formErrorMap(locale) },
    );
    if (!parsed.success) return setDayErrors(zodFieldErrors(parsed.error, locale));
    setDayErrors({});
    saveDay.mutate(parsed.data);
  };
  const submitWeek = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SetHospitalSlotsBody.safeParse(
      { slots: toBody(currentWeek) },
      { error: formErrorMap(locale) },
    );
    if (!parsed.success) return setWeekErrors(zodFieldErrors(parsed.error, locale));
    setWeekErrors({});
    saveWeek.mutate(parsed.data);
  };
  const newRow = (weekday?: number): Row => ({
    // Online clinics are mostly follow-ups of chronic disease (general); on site dialysis shifts first.
    service: channel === 'online' ? 'general' : 'dialysis',
    startTime: channel === 'online' ? '08:00' : '07:00',
    endTime: channel === 'online' ? '12:00' : '11:00',
    capacity: '0',
    ...(weekday ? { weekday } : {}),
  });

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(paths.title)}</h2>
      <div className="field inline">
        <label htmlFor={`${id}-date`}>{t('dispatch.date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          onChange={(e) => {
            if (!e.target.value) return;
            setDayRows(null);
            setDayErrors({});
            onDateChange(e.target.value);
          }}
        />
      </div>
      {capacity.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(capacity.error)}
        </p>
      ) : !capacity.data ? (
        <Loading />
      ) : (
        <form onSubmit={submitDay} noValidate>
          <p className="muted">
            {t('hospital.capacity.dayHint', {
              overrides: capacity.data.slots.filter((s) => s.source === 'override').length,
            })}
          </p>
          {currentDay.length === 0 ? (
            <p className="muted">{t('hospital.capacity.none')}</p>
          ) : (
            <SlotRows rows={currentDay} onChange={setDayRows} withWeekday={false} errors={dayErrors} />
          )}
          {otherErrors(dayErrors, currentDay.length).map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
          {saveDay.isError ? (
            <p className="alert alert-error" role="alert">
              {describeError(saveDay.error)}
            </p>
          ) : null}
          {saveDay.isSuccess && !dayRows ? (
            <p className="alert alert-info" role="status">
              {t('hospital.saved')}
            </p>
          ) : null}
          <div className="button-row">
            <button type="button" onClick={() => setDayRows([...currentDay, newRow()])}>
              {t('hospital.addSlot')}
            </button>
            <button type="submit" className="button-primary" disabled={saveDay.isPending || !dayRows}>
              {t('hospital.capacity.saveDay', { date })}
            </button>
          </div>
        </form>
      )}
      <details className="template-box">
        <summary>{t('hospital.template.title')}</summary>
        {template.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(template.error)}
          </p>
        ) : !template.data ? (
          <Loading />
        ) : (
          <form onSubmit={submitWeek} noValidate>
            <SlotRows rows={currentWeek} onChange={setWeekRows} withWeekday errors={weekErrors} />
            {otherErrors(weekErrors, currentWeek.length).map((message) => (
              <p key={message} className="field-error">
                {message}
              </p>
            ))}
            {saveWeek.isError ? (
              <p className="alert alert-error" role="alert">
                {describeError(saveWeek.error)}
              </p>
            ) : null}
            <div className="button-row">
              <button type="button" onClick={() => setWeekRows([...currentWeek, newRow(1)])}>
                {t('hospital.addSlot')}
              </button>
              <button type="submit" className="button-primary" disabled={saveWeek.isPending || !weekRows}>
                {t('hospital.template.save')}
              </button>
            </div>
          </form>
        )}
      </details>
    </section>
  );
}

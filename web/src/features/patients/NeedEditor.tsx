import { careWaysFor, type Hospital, NEED_KINDS, SERVICE_FOR_NEED, WAYS_OF_SERVICE } from '@lastmeter/shared';
import { useId } from 'react';
import { TextField } from '../../components/TextField.tsx';
import type { FieldErrors } from '../../forms/use-zod-form.ts';
import { todayInCity } from '../../i18n/format.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { NeedDraft } from './need-draft.ts';
import { SelectField } from './SelectField.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface NeedEditorProps {
  draft: NeedDraft;
  onChange: (draft: NeedDraft) => void;
  /** Errors of this need, keyed relative to it (`schedule.weekdays`). */
  errors: FieldErrors;
  /** The need's path in the form (`needs.0`), so focus-on-error finds the inputs. */
  path: string;
  hospitals: readonly Hospital[];
  /** Whether "no care need" is offered (registration may start without one). */
  optional: boolean;
}

/** One care need and the schedule its kind asks for: weekdays for dialysis, dates for a cycle, a due date… */
export function NeedEditor({ draft, onChange, errors, path, hospitals, optional }: NeedEditorProps) {
  const t = useT();
  const id = useId();
  const set = <K extends keyof NeedDraft>(key: K, value: NeedDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const text = (
    key: 'startTime' | 'sessionMinutes' | 'dates' | 'dueDate' | 'birthDate' | 'notes',
    name: string,
  ) => ({
    id: `${id}-${key}`,
    name: `${path}.${name}`,
    value: draft[key],
    error: errors[name],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });
  const capable = draft.kind
    ? hospitals.filter((hospital) =>
        hospital.services.includes(SERVICE_FOR_NEED[draft.kind as keyof typeof SERVICE_FOR_NEED]),
      )
    : hospitals;
  // The schedule schemas' own words are terse English ("expected HH:MM"); say it plainly instead.
  const weekdayError = errors['schedule.weekdays'] ? t('need.weekdaysRequired') : undefined;
  const startTimeError = errors['schedule.startTime']
    ? t(draft.startTime ? 'need.timeFormat' : 'form.required')
    : undefined;
  // The ways the need allows today, by the same rule as the server: offered only when there is a choice.
  const ways = draft.kind
    ? careWaysFor({
        kind: draft.kind,
        urgency: 'scheduled',
        dueDate: draft.dueDate || null,
        date: todayInCity(),
      })
    : null;
  const datesError =
    errors['schedule.dates'] ??
    Object.entries(errors).find(([key]) => key.startsWith('schedule.dates.'))?.[1];

  return (
    <div className="need-editor">
      <SelectField
        id={`${id}-kind`}
        name={`${path}.kind`}
        label={t('need.kind')}
        value={draft.kind}
        error={errors.kind}
        onChange={(event) => set('kind', NEED_KINDS.find((kind) => kind === event.target.value) ?? '')}
      >
        {optional ? <option value="">{t('need.none')}</option> : <option value="">{t('form.choose')}</option>}
        {NEED_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`needKind.${kind}`)}
          </option>
        ))}
      </SelectField>

      {draft.kind === 'dialysis' ? (
        <fieldset className="field" aria-describedby={weekdayError ? `${id}-weekdays-error` : undefined}>
          <legend>{t('need.weekdays')}</legend>
          <div className="checkbox-row">
            {WEEKDAYS.map((day) => (
              <label key={day} className="checkbox">
                <input
                  type="checkbox"
                  name={`${path}.schedule.weekdays`}
                  checked={draft.weekdays.includes(day)}
                  onChange={(event) =>
                    set(
                      'weekdays',
                      event.target.checked
                        ? [...draft.weekdays, day]
                        : draft.weekdays.filter((d) => d !== day),
                    )
                  }
                />
                {t(`weekday.${day}`)}
              </label>
            ))}
          </div>
          {weekdayError ? (
            <p id={`${id}-weekdays-error`} className="field-error">
              {weekdayError}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {draft.kind === 'chemotherapy' || draft.kind === 'radiotherapy' ? (
        <TextField
          {...text('dates', 'schedule.dates')}
          error={datesError ? t(draft.dates.trim() ? 'need.datesFormat' : 'form.required') : undefined}
          label={t('need.dates')}
          hint={t('need.datesHint')}
        />
      ) : null}

      {draft.kind === 'dialysis' || draft.kind === 'chemotherapy' || draft.kind === 'radiotherapy' ? (
        <div className="field-row">
          <TextField
            {...text('startTime', 'schedule.startTime')}
            error={startTimeError}
            label={t('need.startTime')}
            type="time"
            required
          />
          <TextField
            {...text('sessionMinutes', 'schedule.sessionMinutes')}
            label={t('need.sessionMinutes')}
            hint={t(draft.kind === 'dialysis' ? 'need.sessionHintDialysis' : 'need.sessionHintCycle')}
            inputMode="numeric"
          />
        </div>
      ) : null}

      {draft.kind === 'pregnancy' ? (
        <TextField {...text('dueDate', 'schedule.dueDate')} label={t('need.dueDate')} type="date" required />
      ) : null}
      {draft.kind === 'newborn' ? (
        <TextField
          {...text('birthDate', 'schedule.birthDate')}
          label={t('need.birthDate')}
          type="date"
          required
        />
      ) : null}
      {draft.kind === 'chronic' ? (
        <label className="checkbox field">
          <input
            type="checkbox"
            name={`${path}.schedule.medicineDelivery`}
            checked={draft.medicineDelivery}
            onChange={(event) => set('medicineDelivery', event.target.checked)}
          />
          {t('need.medicineDelivery')}
        </label>
      ) : null}

      {draft.kind ? (
        <>
          {hospitals.length > 0 ? (
            <SelectField
              id={`${id}-hospital`}
              name={`${path}.hospitalId`}
              label={t('need.hospital')}
              value={draft.hospitalId}
              error={errors.hospitalId}
              onChange={(event) => set('hospitalId', event.target.value)}
            >
              <option value="">{t('need.hospitalDefault')}</option>
              {capable.map((hospital) => (
                <option key={hospital.id} value={hospital.id}>
                  {hospital.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {ways && ways.allowed.length > 1 ? (
            <SelectField
              id={`${id}-serveBy`}
              name={`${path}.serveBy`}
              label={t('need.serveBy')}
              value={draft.serveBy}
              error={errors.serveBy}
              onChange={(event) =>
                set('serveBy', WAYS_OF_SERVICE.find((way) => way === event.target.value) ?? '')
              }
            >
              <option value="">{t('need.serveByDefault', { way: t(`way.${ways.preferred}`) })}</option>
              {ways.allowed.map((way) => (
                <option key={way} value={way}>
                  {t(`way.${way}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField {...text('notes', 'notes')} label={t('need.notes')} />
        </>
      ) : null}
    </div>
  );
}

import { useId } from 'react';
import { TextField } from '../../components/TextField.tsx';
import type { FieldErrors } from '../../forms/use-zod-form.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CONSENT_PURPOSES, CONSENT_RELATIONS } from './consent.ts';
import { SelectField } from './SelectField.tsx';

export interface ConsentDraft {
  givenBy: string;
  relation: string;
  purposes: string[];
}

export const EMPTY_CONSENT: ConsentDraft = { givenBy: '', relation: '', purposes: [...CONSENT_PURPOSES] };

/** Who agreed that the data is used, and for what: required before any care need is planned. */
export function ConsentFields({
  value,
  onChange,
  errors,
}: {
  value: ConsentDraft;
  onChange: (value: ConsentDraft) => void;
  /** Errors keyed relative to the consent (`givenBy`). */
  errors: FieldErrors;
}) {
  const t = useT();
  const id = useId();
  const purposesError = errors.purposes ?? errors['purposes.0'];
  return (
    <fieldset className="form-section">
      <legend>{t('consent.title')}</legend>
      <p className="field-hint">{t('consent.intro')}</p>
      <div className="field-row">
        <TextField
          id={`${id}-givenBy`}
          name="consent.givenBy"
          value={value.givenBy}
          error={errors.givenBy}
          onChange={(event) => onChange({ ...value, givenBy: event.target.value })}
          label={t('consent.givenBy')}
          required
        />
        <SelectField
          id={`${id}-relation`}
          name="consent.relation"
          label={t('consent.relation')}
          value={value.relation}
          error={errors.relation}
          onChange={(event) => onChange({ ...value, relation: event.target.value })}
          required
        >
          <option value="">{t('form.choose')}</option>
          {CONSENT_RELATIONS.map((relation) => (
            <option key={relation} value={relation}>
              {t(`consent.relation.${relation}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="field" aria-describedby={purposesError ? `${id}-purposes-error` : undefined}>
        <legend>{t('consent.purposes')}</legend>
        <div className="checkbox-row">
          {CONSENT_PURPOSES.map((purpose) => (
            <label key={purpose} className="checkbox">
              <input
                type="checkbox"
                name="consent.purposes"
                checked={value.purposes.includes(purpose)}
                onChange={(event) =>
                  onChange({
                    ...value,
                    purposes: event.target.checked
                      ? [...value.purposes, purpose]
                      : value.purposes.filter((p) => p !== purpose),
                  })
                }
              />
              {t(`consent.purpose.${purpose}`)}
            </label>
          ))}
        </div>
        {purposesError ? (
          <p id={`${id}-purposes-error`} className="field-error">
            {purposesError}
          </p>
        ) : null}
      </fieldset>
    </fieldset>
  );
}

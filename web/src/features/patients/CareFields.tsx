import {
  type Hospital,
  INFECTION_CLASSES,
  type InfectionClass,
  MOBILITIES,
  type Mobility,
} from '@lastmeter/shared';
import { useId } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { FormLike } from './form-binding.ts';
import { SelectField } from './SelectField.tsx';

export interface CareValues {
  mobility?: Mobility | undefined;
  companions?: number | undefined;
  infectionClass?: InfectionClass | undefined;
  regularHospitalId?: string | null | undefined;
}

/** Mobility, companions, infection class and regular hospital: what the planner needs to pick a car. */
export function CareFields({
  form,
  hospitals,
}: {
  form: FormLike<CareValues>;
  hospitals: readonly Hospital[];
}) {
  const t = useT();
  const id = useId();
  const { values, errors, setValue } = form;
  return (
    <fieldset className="form-section">
      <legend>{t('patient.careSection')}</legend>
      <div className="field-row">
        <SelectField
          id={`${id}-mobility`}
          name="mobility"
          label={t('patient.mobility')}
          value={values.mobility ?? 'walk'}
          error={errors.mobility}
          onChange={(event) => {
            const mobility = MOBILITIES.find((m) => m === event.target.value);
            if (mobility) setValue('mobility', mobility);
          }}
        >
          {MOBILITIES.map((mobility) => (
            <option key={mobility} value={mobility}>
              {t(`mobility.${mobility}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-companions`}
          name="companions"
          label={t('patient.companions')}
          value={String(values.companions ?? 0)}
          error={errors.companions}
          onChange={(event) => setValue('companions', Number(event.target.value))}
        >
          {[0, 1, 2, 3, 4].map((count) => (
            <option key={count} value={count}>
              {t('patient.companionCount', { count })}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-infection`}
          name="infectionClass"
          label={t('patient.infectionClass')}
          hint={t('patient.infectionHint')}
          value={values.infectionClass ?? 'normal'}
          error={errors.infectionClass}
          onChange={(event) => {
            const infection = INFECTION_CLASSES.find((c) => c === event.target.value);
            if (infection) setValue('infectionClass', infection);
          }}
        >
          {INFECTION_CLASSES.map((infection) => (
            <option key={infection} value={infection}>
              {t(`infection.${infection}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {hospitals.length > 0 ? (
        <SelectField
          id={`${id}-hospital`}
          name="regularHospitalId"
          label={t('patient.regularHospital')}
          hint={t('patient.regularHospitalHint')}
          value={values.regularHospitalId ?? ''}
          error={errors.regularHospitalId}
          onChange={(event) => setValue('regularHospitalId', event.target.value || null)}
        >
          <option value="">{t('patient.regularHospitalNone')}</option>
          {hospitals.map((hospital) => (
            <option key={hospital.id} value={hospital.id}>
              {hospital.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </fieldset>
  );
}

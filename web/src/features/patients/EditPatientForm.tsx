import {
  type Gate,
  type Hospital,
  MainlandMobile,
  NationalId,
  type PatientView,
  UpdatePatientBody,
} from '@lastmeter/shared';
import { useState } from 'react';
import { z } from 'zod';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { useUpdatePatient } from './api.ts';
import { CareFields } from './CareFields.tsx';
import { type ConsentDraft, ConsentFields, EMPTY_CONSENT } from './ConsentFields.tsx';
import { relationLabel } from './consent.ts';
import { textField } from './form-binding.ts';
import { errorsUnder } from './form-errors.ts';
import { nationalIdError, phoneError } from './identity-errors.ts';
import { SelectField } from './SelectField.tsx';

/** The ID number and phone are shown masked, so an empty field means "keep what is on record". */
const EditForm = UpdatePatientBody.extend({
  nationalId: z.union([z.literal(''), NationalId]),
  phone: z.union([z.literal(''), MainlandMobile]),
});

interface EditPatientFormProps {
  patient: PatientView;
  gates: readonly Gate[];
  hospitals: readonly Hospital[];
  onSaved: () => void;
}

export function EditPatientForm({ patient, gates, hospitals, onSaved }: EditPatientFormProps) {
  const { t, describeError } = useI18n();
  const update = useUpdatePatient(patient.id);
  const [renewConsent, setRenewConsent] = useState(patient.consent === null);
  const [consent, setConsent] = useState<ConsentDraft>(EMPTY_CONSENT);
  const form = useZodForm(EditForm, {
    initialValues: {
      name: patient.name,
      nationalId: '',
      phone: '',
      gateId: patient.gateId,
      building: patient.building,
      unit: patient.unit,
      room: patient.room,
      mobility: patient.mobility,
      companions: patient.companions,
      infectionClass: patient.infectionClass,
      regularHospitalId: patient.regularHospitalId,
      notes: patient.notes,
      consent: patient.consent === null ? EMPTY_CONSENT : undefined,
    },
    onSubmit: async ({ nationalId, phone, ...rest }) => {
      await update.mutateAsync({
        ...rest,
        ...(nationalId ? { nationalId } : {}),
        ...(phone ? { phone } : {}),
      });
      onSaved();
    },
  });

  const nationalId = form.field('nationalId');
  const phone = form.field('phone');
  const duplicate = form.formError instanceof ApiError && form.formError.code === 'duplicate_patient';

  return (
    <form onSubmit={form.handleSubmit} noValidate className="patient-form">
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {duplicate ? t('patient.duplicate') : describeError(form.formError)}
        </p>
      ) : null}
      <fieldset className="form-section">
        <legend>{t('patient.identitySection')}</legend>
        <div className="field-row">
          <TextField {...textField(form, 'name')} label={t('patient.name')} autoComplete="off" required />
          <TextField
            {...nationalId}
            error={
              duplicate && nationalId.error
                ? t('patient.duplicateShort')
                : nationalIdError(nationalId.value, nationalId.error, t)
            }
            label={t('patient.nationalId')}
            hint={t('patient.keepMasked', { value: patient.nationalId })}
            autoComplete="off"
          />
          <TextField
            {...phone}
            error={phoneError(phone.value, phone.error, t)}
            label={t('patient.phone')}
            hint={t('patient.keepMasked', { value: patient.phone })}
            type="tel"
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('patient.addressSection')}</legend>
        <div className="field-row">
          <SelectField
            id="edit-gate"
            name="gateId"
            label={t('patient.gate')}
            value={form.values.gateId ?? ''}
            error={form.errors.gateId}
            onChange={(event) => form.setValue('gateId', event.target.value || null)}
          >
            {gates.map((gate) => (
              <option key={gate.id} value={gate.id}>
                {gate.name}
              </option>
            ))}
          </SelectField>
          <TextField {...textField(form, 'building')} label={t('patient.building')} />
          <TextField {...textField(form, 'unit')} label={t('patient.unit')} />
          <TextField {...textField(form, 'room')} label={t('patient.room')} />
        </div>
      </fieldset>
      <CareFields
        values={form.values}
        errors={form.errors}
        hospitals={hospitals}
        onChange={{
          mobility: (value) => form.setValue('mobility', value),
          companions: (value) => form.setValue('companions', value),
          infectionClass: (value) => form.setValue('infectionClass', value),
          regularHospitalId: (value) => form.setValue('regularHospitalId', value),
        }}
      />
      {patient.consent ? (
        <div className="form-section">
          <p>
            {t('patient.consentOnRecord', {
              givenBy: patient.consent.givenBy,
              relation: relationLabel(patient.consent.relation, t),
            })}
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={renewConsent}
              onChange={(event) => {
                setRenewConsent(event.target.checked);
                form.setValue('consent', event.target.checked ? consent : undefined);
              }}
            />
            {t('patient.renewConsent')}
          </label>
        </div>
      ) : null}
      {renewConsent ? (
        <ConsentFields
          value={consent}
          onChange={(draft) => {
            setConsent(draft);
            form.setValue('consent', draft);
          }}
          errors={errorsUnder(form.errors, 'consent')}
        />
      ) : null}
      <TextField {...textField(form, 'notes')} label={t('patient.notes')} />
      <button type="submit" className="button-primary button-large" disabled={form.submitting}>
        {form.submitting ? t('patient.saving') : t('patient.save')}
      </button>
    </form>
  );
}

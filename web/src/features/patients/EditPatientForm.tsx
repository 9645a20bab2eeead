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
import { AddressFieldset } from './AddressFields.tsx';
import { useUpdatePatient } from './api.ts';
import { CareFields } from './CareFields.tsx';
import { type ConsentDraft, ConsentFields, EMPTY_CONSENT } from './ConsentFields.tsx';
import { relationLabel } from './consent.ts';
import { textField } from './form-binding.ts';
import { errorsUnder } from './form-errors.ts';
import { IdentityFields } from './IdentityFields.tsx';

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
          <IdentityFields
            name={textField(form, 'name')}
            nationalId={form.field('nationalId')}
            phone={form.field('phone')}
            duplicate={duplicate}
            onRecord={patient}
            filledBy="gatekeeper"
          />
        </div>
      </fieldset>
      <AddressFieldset form={form} gates={gates} />
      <CareFields form={form} hospitals={hospitals} />
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

import { ConsentInput, type Gate, type Hospital, RegisterPatientBody } from '@lastmeter/shared';
import { useState } from 'react';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { AddressFieldset } from './AddressFields.tsx';
import { useRegisterPatient } from './api.ts';
import { CareFields } from './CareFields.tsx';
import { type ConsentDraft, ConsentFields, EMPTY_CONSENT } from './ConsentFields.tsx';
import { textField } from './form-binding.ts';
import { errorsUnder } from './form-errors.ts';
import { IdentityFields } from './IdentityFields.tsx';
import { NeedEditor } from './NeedEditor.tsx';
import { EMPTY_NEED, type NeedDraft, needFromDraft } from './need-draft.ts';

/** Registration by the gatekeeper always records consent, even before a care need is known. */
const RegisterForm = RegisterPatientBody.extend({ consent: ConsentInput });

interface RegisterPatientFormProps {
  compoundId: string;
  gates: readonly Gate[];
  hospitals: readonly Hospital[];
  onRegistered: (patientId: string) => void;
}

export function RegisterPatientForm({
  compoundId,
  gates,
  hospitals,
  onRegistered,
}: RegisterPatientFormProps) {
  const { t, describeError } = useI18n();
  const register = useRegisterPatient(compoundId);
  const [need, setNeed] = useState<NeedDraft>(EMPTY_NEED);
  const [consent, setConsent] = useState<ConsentDraft>(EMPTY_CONSENT);
  const form = useZodForm(RegisterForm, {
    initialValues: {
      name: '',
      nationalId: '',
      phone: '',
      gateId: gates[0]?.id ?? null,
      building: '',
      unit: '',
      room: '',
      mobility: 'walk',
      companions: 0,
      infectionClass: 'normal',
      regularHospitalId: null,
      notes: '',
      consent: EMPTY_CONSENT,
      needs: [],
    },
    onSubmit: async (body) => onRegistered((await register.mutateAsync(body)).id),
  });

  const updateNeed = (draft: NeedDraft) => {
    setNeed(draft);
    const built = needFromDraft(draft);
    form.setValue('needs', built ? [built] : []);
  };
  const updateConsent = (draft: ConsentDraft) => {
    setConsent(draft);
    form.setValue('consent', draft);
  };

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
            name={form.field('name')}
            nationalId={form.field('nationalId')}
            phone={form.field('phone')}
            duplicate={duplicate}
            filledBy="gatekeeper"
          />
        </div>
      </fieldset>
      <AddressFieldset form={form} gates={gates} />
      <CareFields form={form} hospitals={hospitals} />
      <fieldset className="form-section">
        <legend>{t('patient.needSection')}</legend>
        <NeedEditor
          draft={need}
          onChange={updateNeed}
          errors={errorsUnder(form.errors, 'needs.0')}
          path="needs.0"
          hospitals={hospitals}
          optional
        />
      </fieldset>
      <ConsentFields value={consent} onChange={updateConsent} errors={errorsUnder(form.errors, 'consent')} />
      <TextField {...textField(form, 'notes')} label={t('patient.notes')} />
      <button type="submit" className="button-primary button-large" disabled={form.submitting}>
        {form.submitting ? t('patient.registering') : t('patient.register')}
      </button>
    </form>
  );
}

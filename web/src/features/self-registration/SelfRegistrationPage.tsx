import { SelfRegistrationBody } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { ApiError } from '../../lib/api.ts';
import { AddressFields } from '../patients/AddressFields.tsx';
import { CareFields } from '../patients/CareFields.tsx';
import { type ConsentDraft, ConsentFields, EMPTY_CONSENT } from '../patients/ConsentFields.tsx';
import { errorsUnder } from '../patients/form-errors.ts';
import { IdentityFields } from '../patients/IdentityFields.tsx';
import { NeedEditor } from '../patients/NeedEditor.tsx';
import { EMPTY_NEED, type NeedDraft, needFromDraft, RequiredNeed } from '../patients/need-draft.ts';
import { selfRegistrationFormQuery, useSubmitSelfRegistration } from './api.ts';

/** Dialysis is by far the most common regular need; starting there saves most people a choice. */
const FIRST_NEED: NeedDraft = { ...EMPTY_NEED, kind: 'dialysis' };

/** The shared body, with the need as the editor gives it: none while "choose" is selected. */
const ResidentForm = SelfRegistrationBody.extend({ need: RequiredNeed });

/** The public page behind a compound's QR code: a resident or family member registers, no account needed. */
export function SelfRegistrationPage() {
  const { t, describeError } = useI18n();
  const token = useParams().token ?? '';
  const info = useQuery(selfRegistrationFormQuery(token));

  let body: ReactNode;
  if (info.isPending) body = <Loading />;
  else if (info.isError) {
    const unknownLink =
      info.error instanceof ApiError && (info.error.status === 404 || info.error.status === 400);
    body = (
      <p className="alert alert-error" role="alert">
        {unknownLink ? t('selfReg.badLink') : describeError(info.error)}
      </p>
    );
  } else body = <SelfRegistrationForm token={token} compoundName={info.data.compoundName} />;

  return (
    <div className="login-layout public-layout">
      <PageTitle>{t('selfReg.pageTitle')}</PageTitle>
      <header className="login-header">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-card">
        {body}
      </main>
    </div>
  );
}

function SelfRegistrationForm({ token, compoundName }: { token: string; compoundName: string }) {
  const { t, describeError } = useI18n();
  const submit = useSubmitSelfRegistration(token);
  const [need, setNeed] = useState<NeedDraft>(FIRST_NEED);
  const [consent, setConsent] = useState<ConsentDraft>(EMPTY_CONSENT);
  const form = useZodForm(ResidentForm, {
    initialValues: {
      name: '',
      nationalId: '',
      phone: '',
      building: '',
      unit: '',
      room: '',
      mobility: 'walk',
      companions: 0,
      infectionClass: 'normal',
      need: needFromDraft(FIRST_NEED),
      consent: EMPTY_CONSENT,
    },
    onSubmit: (body) => submit.mutateAsync(body),
  });

  if (submit.isSuccess) {
    return (
      <section aria-live="polite">
        <h1>{t('selfReg.doneTitle')}</h1>
        <p className="alert alert-info" role="status">
          {t('selfReg.done', { compound: compoundName })}
        </p>
      </section>
    );
  }

  const error = form.formError;
  const duplicate = error instanceof ApiError && error.code === 'duplicate_patient';
  let errorText: string | null = null;
  if (error instanceof ApiError && error.code === 'too_many_requests') {
    errorText =
      error.retryAfterSeconds === undefined
        ? t('selfReg.tooMany')
        : t('selfReg.tooManyWait', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  } else if (duplicate) {
    errorText = t('selfReg.duplicate');
  } else if (error) {
    errorText = describeError(error);
  }

  return (
    <>
      <h1>{t('selfReg.heading', { compound: compoundName })}</h1>
      <p className="muted">{t('selfReg.intro')}</p>
      <form onSubmit={form.handleSubmit} noValidate className="patient-form">
        {errorText ? (
          <p className="alert alert-error" role="alert">
            {errorText}
          </p>
        ) : null}
        <fieldset className="form-section">
          <legend>{t('selfReg.patientSection')}</legend>
          <IdentityFields
            name={form.field('name')}
            nationalId={form.field('nationalId')}
            phone={form.field('phone')}
            duplicate={duplicate}
            filledBy="resident"
          />
          <div className="field-row">
            <AddressFields form={form} />
          </div>
        </fieldset>
        <CareFields form={form} hospitals={[]} />
        <fieldset className="form-section">
          <legend>{t('patient.needSection')}</legend>
          <NeedEditor
            draft={need}
            onChange={(draft) => {
              setNeed(draft);
              form.setValue('need', needFromDraft(draft));
            }}
            errors={errorsUnder(form.errors, 'need')}
            path="need"
            hospitals={[]}
            optional={false}
          />
        </fieldset>
        <ConsentFields
          value={consent}
          onChange={(draft) => {
            setConsent(draft);
            form.setValue('consent', draft);
          }}
          errors={errorsUnder(form.errors, 'consent')}
        />
        <button type="submit" className="button-primary button-large button-block" disabled={form.submitting}>
          {form.submitting ? t('selfReg.submitting') : t('selfReg.submit')}
        </button>
      </form>
    </>
  );
}

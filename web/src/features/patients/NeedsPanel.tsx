import type { Hospital, PatientView } from '@lastmeter/shared';
import { type FormEvent, useId, useState } from 'react';
import { type FieldErrors, zodFieldErrors } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formErrorMap } from '../../i18n/zod.ts';
import { useAddCareNeed, useDeactivateCareNeed } from './api.ts';
import { describeNeed } from './describe-need.ts';
import { NeedEditor } from './NeedEditor.tsx';
import { EMPTY_NEED, type NeedDraft, needFromDraft, RequiredNeed } from './need-draft.ts';

/** A patient's care needs: each active one produces requests; a finished one is switched off, not deleted. */
export function NeedsPanel({ patient, hospitals }: { patient: PatientView; hospitals: readonly Hospital[] }) {
  const { t, locale, describeError } = useI18n();
  const headingId = useId();
  const add = useAddCareNeed(patient.id);
  const deactivate = useDeactivateCareNeed(patient.id);
  const [draft, setDraft] = useState<NeedDraft>(EMPTY_NEED);
  const [errors, setErrors] = useState<FieldErrors>({});
  const hospitalName = (id: string | null) => hospitals.find((hospital) => hospital.id === id)?.name;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = RequiredNeed.safeParse(needFromDraft(draft), { error: formErrorMap(locale) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, locale));
      return;
    }
    setErrors({});
    await add.mutateAsync(parsed.data).then(
      () => setDraft(EMPTY_NEED),
      () => undefined,
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('need.listTitle')}</h2>
      {patient.needs.length === 0 ? <p className="muted">{t('need.noneYet')}</p> : null}
      <ul className="plain-list">
        {patient.needs.map((need) => (
          <li key={need.id} className={need.active ? undefined : 'inactive'}>
            <strong>{describeNeed(need, t)}</strong>
            {need.hospitalId ? <span className="muted"> · {hospitalName(need.hospitalId)}</span> : null}
            {need.active ? (
              <button
                type="button"
                className="button-small"
                disabled={deactivate.isPending}
                onClick={() => deactivate.mutate(need.id)}
              >
                {t('need.deactivate')}
              </button>
            ) : (
              <span className="badge">{t('need.inactive')}</span>
            )}
          </li>
        ))}
      </ul>
      {deactivate.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(deactivate.error)}
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h3>{t('need.add')}</h3>
        {patient.consent === null ? <p className="alert alert-info">{t('need.consentFirst')}</p> : null}
        <NeedEditor
          draft={draft}
          onChange={setDraft}
          errors={errors}
          path="need"
          hospitals={hospitals}
          optional={false}
        />
        {add.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(add.error)}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={add.isPending || patient.consent === null}>
          {t('need.addSubmit')}
        </button>
      </form>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { NoticeSettingsPanel } from '../../features/notices/NoticeSettingsPanel.tsx';
import { PatientNotices } from '../../features/notices/PatientNotices.tsx';
import { hospitalsQuery, patientQuery } from '../../features/patients/api.ts';
import { EditPatientForm } from '../../features/patients/EditPatientForm.tsx';
import { NeedsPanel } from '../../features/patients/NeedsPanel.tsx';
import { RevealIdentity } from '../../features/patients/RevealIdentity.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function EditPatientPage() {
  const { t } = useI18n();
  const patientId = useParams().patientId ?? '';
  const registered = (useLocation().state as { registered?: boolean } | null)?.registered === true;
  const [saved, setSaved] = useState(false);
  const { compound, search } = useCompoundPage();
  const patient = useQuery(patientQuery(patientId));
  const hospitals = useQuery(hospitalsQuery);

  let body = <Loading />;
  if (patient.isError || hospitals.isError || compound.isError) {
    body = (
      <ErrorWithRetry
        error={patient.error ?? hospitals.error ?? compound.error}
        retry={() => {
          void patient.refetch();
          void hospitals.refetch();
          void compound.refetch();
        }}
      />
    );
  } else if (patient.data && hospitals.data && compound.data) {
    body = (
      <>
        <p>
          <span className="badge">{t(`patientStatus.${patient.data.status}`)}</span>{' '}
          {patient.data.rejectionReason ? (
            <span className="muted">
              {t('gk.editPatient.rejected', { reason: patient.data.rejectionReason })}
            </span>
          ) : null}
        </p>
        <RevealIdentity
          patientId={patient.data.id}
          nationalId={patient.data.nationalId}
          phone={patient.data.phone}
        />
        <div className="two-columns">
          <EditPatientForm
            key={patient.data.updatedAt}
            patient={patient.data}
            gates={compound.data.gates}
            hospitals={hospitals.data}
            onSaved={() => setSaved(true)}
          />
          <NeedsPanel patient={patient.data} hospitals={hospitals.data} />
        </div>
        <NoticeSettingsPanel patientId={patient.data.id} />
        <PatientNotices patientId={patient.data.id} />
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('gk.editPatient.title')}</PageTitle>
      <p>
        <Link to={`/gatekeeper/patients${search}`}>{t('gk.editPatient.back')}</Link>
      </p>
      <h1>
        {t('gk.editPatient.title')} <span className="heading-sub">{patient.data?.name}</span>
      </h1>
      {registered || saved ? (
        <p className="alert alert-info" role="status">
          {t(registered && !saved ? 'gk.editPatient.registered' : 'gk.editPatient.saved')}
        </p>
      ) : null}
      {body}
    </>
  );
}

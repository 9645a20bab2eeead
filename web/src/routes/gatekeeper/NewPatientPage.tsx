import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { hospitalsQuery } from '../../features/patients/api.ts';
import { RegisterPatientForm } from '../../features/patients/RegisterPatientForm.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function NewPatientPage() {
  const t = useT();
  const navigate = useNavigate();
  const { compoundId, compound, search } = useCompoundPage();
  const hospitals = useQuery(hospitalsQuery);
  return (
    <>
      <PageTitle>{t('gk.newPatient.title')}</PageTitle>
      <h1>
        {t('gk.newPatient.title')} <span className="muted heading-sub">{compound.data?.name}</span>
      </h1>
      {compound.isPending || hospitals.isPending ? (
        <Loading />
      ) : compound.isError || hospitals.isError ? (
        <ErrorWithRetry
          error={compound.error ?? hospitals.error}
          retry={() => {
            void compound.refetch();
            void hospitals.refetch();
          }}
        />
      ) : (
        <RegisterPatientForm
          compoundId={compoundId}
          gates={compound.data.gates}
          hospitals={hospitals.data}
          onRegistered={(id) =>
            navigate(`/gatekeeper/patients/${id}${search}`, { state: { registered: true } })
          }
        />
      )}
    </>
  );
}

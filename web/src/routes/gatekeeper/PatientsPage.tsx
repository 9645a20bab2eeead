import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PatientRoster } from '../../features/patients/PatientRoster.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function PatientsPage() {
  const t = useT();
  const { compoundId, compound, search } = useCompoundPage();
  return (
    <>
      <PageTitle>{t('gk.patients.title')}</PageTitle>
      <div className="page-heading">
        <h1>
          {t('gk.patients.title')} <span className="muted heading-sub">{compound.data?.name}</span>
        </h1>
        <Link className="button-link button-primary" to={`/gatekeeper/patients/new${search}`}>
          {t('gk.patients.new')}
        </Link>
      </div>
      <PatientRoster compoundId={compoundId} editPath={(id) => `/gatekeeper/patients/${id}${search}`} />
    </>
  );
}

import { PageTitle } from '../../components/PageTitle.tsx';
import { PendingVerifications } from '../../features/self-registration/PendingVerifications.tsx';
import { SelfRegistrationQr } from '../../features/self-registration/SelfRegistrationQr.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function SelfRegistrationAdminPage() {
  const t = useT();
  const { compoundId, compound } = useCompoundPage();
  return (
    <>
      <PageTitle>{t('gk.selfReg.title')}</PageTitle>
      <h1 className="no-print">{t('gk.selfReg.title')}</h1>
      <div className="cards">
        <SelfRegistrationQr compoundId={compoundId} compoundName={compound.data?.name ?? ''} />
        <PendingVerifications compoundId={compoundId} />
      </div>
    </>
  );
}

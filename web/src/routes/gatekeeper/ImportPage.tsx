import { PageTitle } from '../../components/PageTitle.tsx';
import { ImportWizard } from '../../features/import/ImportWizard.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function ImportPage() {
  const t = useT();
  const { compoundId, compound } = useCompoundPage();
  return (
    <>
      <PageTitle>{t('gk.import.title')}</PageTitle>
      <h1>
        {t('gk.import.title')} <span className="muted heading-sub">{compound.data?.name}</span>
      </h1>
      <ImportWizard key={compoundId} compoundId={compoundId} />
    </>
  );
}

import { PageTitle } from '../../components/PageTitle.tsx';
import { CareToday } from '../../features/care/CareToday.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

/** Care without a trip: today's online visits to pass on, and the way each request is served. */
export function CarePage() {
  const { t } = useI18n();
  const { compoundId, compound } = useCompoundPage();
  return (
    <>
      <PageTitle>{t('care.title')}</PageTitle>
      <h1>
        {t('care.title')} <span className="muted heading-sub">{compound.data?.name ?? ''}</span>
      </h1>
      <p className="lead">{t('care.lead')}</p>
      <CareToday compoundId={compoundId} />
    </>
  );
}

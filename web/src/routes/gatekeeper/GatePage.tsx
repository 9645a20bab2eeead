import { PageTitle } from '../../components/PageTitle.tsx';
import { GateDeliveries } from '../../features/deliveries/GateDeliveries.tsx';
import { RaiseEmergency } from '../../features/emergency/RaiseEmergency.tsx';
import { GateSchedule } from '../../features/gate/GateSchedule.tsx';
import { formatFullDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompoundPage } from './use-compound.ts';

export function GatePage() {
  const { t, locale } = useI18n();
  const { compoundId, compound } = useCompoundPage();
  const name = compound.data?.name ?? '';
  return (
    <>
      <PageTitle>{t('gk.gate.title')}</PageTitle>
      <h1>
        {t('gk.gate.title')} <span className="muted heading-sub">{name}</span>
      </h1>
      <p className="lead gate-lead">
        {t('gk.gate.lead', {
          today: formatFullDate(new Date(), locale),
        })}
      </p>
      {compound.data ? (
        <p className="gate-facts">
          <span className="badge" data-level={compound.data.level}>
            {t(`compoundLevel.${compound.data.level}`)}
          </span>{' '}
          <span className="muted">
            {compound.data.gates.map((gate) => gate.name).join(t('list.separator'))}
          </span>
        </p>
      ) : null}
      <RaiseEmergency compounds={[{ id: compoundId, name }]} />
      <GateSchedule compoundId={compoundId} />
      <GateDeliveries compoundId={compoundId} />
    </>
  );
}

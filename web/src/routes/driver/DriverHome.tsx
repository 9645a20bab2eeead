import { PageTitle } from '../../components/PageTitle.tsx';
import { useMe } from '../../features/auth/auth.ts';
import { DriverBoard } from '../../features/driver/DriverBoard.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

export function DriverHome() {
  const t = useT();
  const { vehicleId } = useMe().scope;
  return (
    <div className="driver-page">
      <PageTitle>{t('home.driver.title')}</PageTitle>
      <h1 className="visually-hidden">{t('home.driver.title')}</h1>
      {vehicleId ? <DriverBoard /> : <p className="empty">{t('scope.noVehicle')}</p>}
    </div>
  );
}

import { Link } from 'react-router';
import { HospitalVehicleLists } from '../../features/admin/HospitalVehicleLists.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function AdminHome() {
  const t = useT();
  return (
    <RoleHome forRole="admin">
      <section className="card">
        <h2>{t('admin.audit.title')}</h2>
        <p>{t('admin.audit.intro')}</p>
        <Link to="/admin/audit">{t('admin.audit.open')}</Link>
      </section>
      <HospitalVehicleLists />
    </RoleHome>
  );
}

import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { AuditLog } from '../../features/admin/AuditLog.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

export function AuditPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('admin.audit.title')}</PageTitle>
      <p>
        <Link to="/admin">{t('page.backHome')}</Link>
      </p>
      <h1>{t('admin.audit.title')}</h1>
      <AuditLog />
    </>
  );
}

import { useId } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function AdminHome() {
  const t = useT();
  const headingId = useId();
  return (
    <RoleHome forRole="admin">
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('scope.title')}</h2>
        <p>{t('scope.admin')}</p>
      </section>
    </RoleHome>
  );
}

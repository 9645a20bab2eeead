import type { Role } from '@lastmeter/shared';
import type { ReactNode } from 'react';
import { PageTitle } from '../components/PageTitle.tsx';
import { SessionCard } from '../features/auth/SessionCard.tsx';
import { useT } from '../i18n/I18nProvider.tsx';

/** The common frame of the five role homes: heading, what the role does, its scope, the session. */
export function RoleHome({ forRole: role, children }: { forRole: Role; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <PageTitle>{t(`home.${role}.title`)}</PageTitle>
      <h1>{t(`home.${role}.title`)}</h1>
      <p className="lead">{t(`home.${role}.description`)}</p>
      <div className="cards">
        {children}
        <SessionCard />
      </div>
    </>
  );
}

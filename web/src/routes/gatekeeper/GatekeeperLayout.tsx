import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { NavLink, Outlet } from 'react-router';
import { compoundQuery } from '../../features/patients/api.ts';
import { useSelectedCompound } from '../../features/patients/compound-selection.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const SECTIONS: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '/gatekeeper', label: 'gk.nav.gate', end: true },
  { to: '/gatekeeper/care', label: 'gk.nav.care' },
  { to: '/gatekeeper/patients', label: 'gk.nav.patients' },
  { to: '/gatekeeper/import', label: 'gk.nav.import' },
  { to: '/gatekeeper/self-registration', label: 'gk.nav.selfRegistration' },
];

function CompoundOption({ compoundId }: { compoundId: string }) {
  const compound = useQuery(compoundQuery(compoundId));
  return <option value={compoundId}>{compound.data?.name ?? compoundId.slice(0, 8)}</option>;
}

/** The gatekeeper's frame: which compound, and the four things they do for it. */
export function GatekeeperLayout() {
  const t = useT();
  const id = useId();
  const { compoundIds, compoundId, select } = useSelectedCompound();
  const search = compoundId ? `?compound=${compoundId}` : '';

  return (
    <>
      <div className="subnav-bar">
        <nav aria-label={t('gk.nav.label')}>
          <ul className="subnav">
            {SECTIONS.map((section) => (
              <li key={section.to}>
                <NavLink to={`${section.to}${search}`} end={section.end ?? false}>
                  {t(section.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {compoundIds.length > 1 && compoundId ? (
          <div className="compound-picker">
            <label htmlFor={id}>{t('gk.compound')}</label>
            <select id={id} value={compoundId} onChange={(event) => select(event.target.value)}>
              {compoundIds.map((option) => (
                <CompoundOption key={option} compoundId={option} />
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {compoundId ? <Outlet /> : <p className="empty">{t('scope.noCompounds')}</p>}
    </>
  );
}

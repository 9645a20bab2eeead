import type { Role } from '@lastmeter/shared';
import { ROLE_HOME } from '../features/auth/role-home.ts';
import type { MessageKey } from '../i18n/messages.ts';

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** The header navigation of each role; a role's feature pages add their entry here. */
export const ROLE_NAV: Record<Role, readonly NavItem[]> = {
  admin: [
    { to: ROLE_HOME.admin, label: 'nav.home' },
    { to: `${ROLE_HOME.admin}/complaints`, label: 'nav.complaints' },
    { to: `${ROLE_HOME.admin}/accounts`, label: 'nav.accounts' },
    { to: `${ROLE_HOME.admin}/districts`, label: 'nav.districts' },
    { to: `${ROLE_HOME.admin}/hospitals`, label: 'nav.hospitals' },
    { to: `${ROLE_HOME.admin}/vehicles`, label: 'nav.vehicles' },
  ],
  dispatcher: [
    { to: ROLE_HOME.dispatcher, label: 'nav.home' },
    { to: `${ROLE_HOME.dispatcher}/complaints`, label: 'nav.complaints' },
    { to: `${ROLE_HOME.dispatcher}/notices`, label: 'nav.notices' },
    { to: `${ROLE_HOME.dispatcher}/accounts`, label: 'nav.accounts' },
    { to: `${ROLE_HOME.dispatcher}/vehicles`, label: 'nav.vehicles' },
  ],
  gatekeeper: [{ to: ROLE_HOME.gatekeeper, label: 'nav.home' }],
  driver: [{ to: ROLE_HOME.driver, label: 'nav.home' }],
  hospital: [{ to: ROLE_HOME.hospital, label: 'nav.home' }],
};

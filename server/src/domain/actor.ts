import type { Role } from '@lastmeter/shared';

/** Who is acting, with the scope their role grants. Every use case receives one. */
export interface Actor {
  accountId: string;
  sessionId: string;
  sessionExpiresAt: Date;
  username: string;
  displayName: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  districtIds: string[];
  compoundIds: string[];
  /** The districts of a gatekeeper's compounds: the zones they may read. */
  compoundDistrictIds: string[];
  hospitalId: string | null;
  vehicleId: string | null;
  driverId: string | null;
  /** The password was reset by an administrator: only choosing a new one is allowed. */
  mustChangePassword: boolean;
  ip: string;
}

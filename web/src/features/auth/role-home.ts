import type { Role } from '@lastmeter/shared';

/** Each role lands on its own home; its feature pages live under that path. */
export const ROLE_HOME: Record<Role, string> = {
  admin: '/admin',
  dispatcher: '/dispatcher',
  gatekeeper: '/gatekeeper',
  driver: '/driver',
  hospital: '/hospital',
};

/** Whether `path` belongs to the role's area, so a return-to link never lands on a forbidden page. */
export function isWithinRoleHome(role: Role, path: string): boolean {
  const home = ROLE_HOME[role];
  return path === home || path.startsWith(`${home}/`);
}

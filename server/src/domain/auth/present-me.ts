import type { Me } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';

export function presentMe(actor: Actor, idleTimeoutSeconds: number): Me {
  return {
    id: actor.accountId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    locale: actor.locale,
    scope: {
      districtIds: actor.districtIds,
      compoundIds: actor.compoundIds,
      hospitalId: actor.hospitalId,
      vehicleId: actor.vehicleId,
    },
    mustChangePassword: actor.mustChangePassword,
    session: { expiresAt: actor.sessionExpiresAt.toISOString(), idleTimeoutSeconds },
  };
}

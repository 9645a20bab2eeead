import type { Db } from '@lastmeter/db';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { compoundScopeOf } from '../patients/load-scope.ts';

/** The path of the compound's public form; the caller turns it into a link for the host it is served from. */
export async function getSelfRegistrationLink({
  db,
  actor,
  compoundId,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
}): Promise<{ path: string }> {
  const compound = await compoundScopeOf(db, compoundId);
  await authorize(
    db,
    actor,
    'read',
    { kind: 'self_registration', districtId: compound.districtId, compoundId },
    { entity: 'compound', entityId: compoundId },
  );
  return { path: `/register/${compound.selfRegistrationToken}` };
}

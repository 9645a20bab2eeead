import type { Db } from '@lastmeter/db';
import type { Actor } from '../actor.ts';
import { authorizeCompound } from '../patients/load-scope.ts';

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
  const compound = await authorizeCompound(
    db,
    actor,
    compoundId,
    'read',
    (c) => ({ kind: 'self_registration', districtId: c.districtId, compoundId: c.id }),
    { entity: 'compound' },
  );
  return { path: `/register/${compound.selfRegistrationToken}` };
}

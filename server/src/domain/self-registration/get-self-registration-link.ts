import { authorizeCompound } from '../patients/load-scope.ts';
import type { Acting } from '../use-case.ts';

/** The path of the compound's public form; the caller turns it into a link for the host it is served from. */
export async function getSelfRegistrationLink(
  use: Acting & { compoundId: string },
): Promise<{ path: string }> {
  const { db, actor, compoundId } = use;
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

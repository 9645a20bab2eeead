import { compounds, type Db } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

/**
 * A compound the actor may act on. Compounds outside the actor's scope read as absent (404) so ids cannot
 * be probed across districts; inside the scope a refused action is a 403.
 */
export async function loadCompound(db: Db, actor: Actor, compoundId: string, action: Action) {
  const [row] = await db.select().from(compounds).where(eq(compounds.id, compoundId));
  const resource = row && { kind: 'compound' as const, districtId: row.districtId, compoundId: row.id };
  if (!row || !resource || !can(actor, 'read', resource)) throw errors.notFound('Compound');
  await authorize(db, actor, action, resource);
  return row;
}

import { compounds, type Db } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import type { Action } from '../policies.ts';

/**
 * A compound the actor may act on. Compounds outside the actor's scope read as absent (404) so ids cannot
 * be probed across districts; inside the scope a refused action is a 403.
 */
export async function loadCompound(db: Db, actor: Actor, compoundId: string, action: Action) {
  const [row] = await db.select().from(compounds).where(eq(compounds.id, compoundId));
  return authorizeRecord(db, actor, {
    name: 'Compound',
    id: compoundId,
    row,
    seen: (c) => ({ kind: 'compound', districtId: c.districtId, compoundId: c.id }),
    action,
  });
}

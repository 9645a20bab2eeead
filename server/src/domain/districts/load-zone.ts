import { type Db, zones } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

/** A zone the actor may act on; outside their scope it reads as absent. */
export async function loadZone(db: Db, actor: Actor, zoneId: string, action: Action) {
  const [row] = await db.select().from(zones).where(eq(zones.id, zoneId));
  if (!row || !can(actor, 'read', { kind: 'zone', districtId: row.districtId }))
    throw errors.notFound('Zone');
  await authorize(db, actor, action, { kind: 'zone', districtId: row.districtId });
  return row;
}

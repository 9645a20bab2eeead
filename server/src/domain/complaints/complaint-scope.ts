import { complaints, type Db } from '@lastmeter/db';
import { inArray, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';

/**
 * Which complaints an actor may see or record: dispatch its districts' (or the one asked for),
 * admin all. Complaints are dispatch's business (docs/product.md rule 8), so no other role gets any.
 */
export async function complaintScope(
  db: Db,
  actor: Actor,
  districtId: string | undefined,
): Promise<SQL | null> {
  if (districtId) {
    await authorize(db, actor, 'read', { kind: 'dispatch', districtId });
    return inArray(complaints.districtId, [districtId]);
  }
  if (actor.role === 'admin') return null;
  if (actor.role !== 'dispatcher' || actor.districtIds.length === 0) throw errors.forbidden();
  return inArray(complaints.districtId, actor.districtIds);
}

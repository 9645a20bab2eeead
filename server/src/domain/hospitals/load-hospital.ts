import { type Db, hospitals } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

/** A hospital the actor may act on; a hospital account asking about another hospital gets 404. */
export async function loadHospital(db: Db, actor: Actor, hospitalId: string, action: Action) {
  if (!can(actor, 'read', { kind: 'hospital', hospitalId })) throw errors.notFound('Hospital');
  await authorize(db, actor, action, { kind: 'hospital', hospitalId });
  const [row] = await db.select().from(hospitals).where(eq(hospitals.id, hospitalId));
  if (!row) throw errors.notFound('Hospital');
  return row;
}

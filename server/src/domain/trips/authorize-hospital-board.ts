import { type Db, hospitals } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';

/**
 * Who reads a hospital's boards (expected arrivals, return pickups at its entrance): the hospital
 * itself, admin, and dispatch — which sees only the legs of its own districts (`visibleTo`). Other
 * hospitals and the gates have no business there. A hospital that does not exist is a 404.
 */
export async function authorizeHospitalBoard(
  db: Db,
  actor: Actor,
  hospitalId: string,
): Promise<{ visibleTo: (districtId: string) => boolean }> {
  const allowed =
    actor.role === 'admin' ||
    (actor.role === 'hospital' && actor.hospitalId === hospitalId) ||
    actor.role === 'dispatcher';
  if (!allowed) throw errors.forbidden();
  const [hospital] = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(eq(hospitals.id, hospitalId));
  if (!hospital) throw errors.notFound('Hospital');
  return {
    visibleTo: (districtId) => actor.role !== 'dispatcher' || actor.districtIds.includes(districtId),
  };
}

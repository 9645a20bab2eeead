import { type Db, hospitals } from '@lastmeter/db';
import { cityDateOf } from '@lastmeter/shared';
import { eq, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordListRead } from '../record-audit.ts';
import { type LegContext, loadLegContexts } from '../schedule/load-leg.ts';

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

/** What a hospital board is asked: which hospital, and which day (today in the city when not given). */
export interface HospitalBoardQuery {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}

/**
 * The legs of one of a hospital's boards: authorized (`authorizeHospitalBoard`), those matching
 * `where` on the day that the caller may see, in `orderBy` order; a read that shows any is audited
 * as `action`, since each carries a patient.
 */
export async function loadHospitalBoard(
  { db, actor, hospitalId, date, timeZone, now }: HospitalBoardQuery,
  { action, where, orderBy }: { action: string; where: (day: string) => SQL | undefined; orderBy: SQL },
): Promise<{ day: string; legs: LegContext[] }> {
  const board = await authorizeHospitalBoard(db, actor, hospitalId);
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadLegContexts(db, where(day), { orderBy });
  const visible = contexts.filter((c) => board.visibleTo(c.compound.districtId));
  await recordListRead(db, actor, action, visible.length, { hospitalId, date: day, legs: visible.length });
  return { day, legs: visible };
}

import { type Db, hospitals, legs, requests } from '@lastmeter/db';
import { cityDateOf, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../record-audit.ts';
import { authorizeHospitalBoard } from './authorize-hospital-board.ts';
import { inTreatmentSql, loadLegContexts } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/**
 * A hospital's expected arrivals of the day, soonest ETA first (the planned drop-off until the
 * patient is on the way): need, mobility and infection class, so the ward can prepare. Patients
 * admitted whose will-call return is not released stay listed, marked `inTreatment`.
 */
export async function listExpectedArrivals({
  db,
  actor,
  hospitalId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<LegView[]> {
  const board = await authorizeHospitalBoard(db, actor, hospitalId);
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadLegContexts(
    db,
    and(
      eq(hospitals.id, hospitalId),
      eq(requests.date, day),
      eq(legs.direction, 'outbound'),
      or(
        inArray(legs.status, ['assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived']),
        // Admitted and in treatment: still the hospital's until it says "treatment finished".
        inTreatmentSql,
      ),
    ),
    { orderBy: sql`coalesce(${legs.etaAt}, ${legs.plannedDropoffAt}) asc nulls last, ${legs.id}` },
  );
  const visible = contexts.filter((c) => board.visibleTo(c.compound.districtId));
  if (visible.length) {
    await recordAudit(db, {
      actor,
      action: 'arrivals.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { hospitalId, date: day, legs: visible.length },
    });
  }
  return visible.map((c) => presentLeg(c, actor));
}

import { hospitals, legs, requests } from '@lastmeter/db';
import { BOOKED_LEG_STATUSES, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { inTreatmentSql } from '../schedule/load-leg.ts';
import { type HospitalBoardQuery, loadHospitalBoard } from './authorize-hospital-board.ts';
import { presentLeg } from './present-leg.ts';

/**
 * A hospital's expected arrivals of the day, soonest ETA first (the planned drop-off until the
 * patient is on the way): need, mobility and infection class, so the ward can prepare. Patients
 * admitted whose will-call return is not released stay listed, marked `inTreatment`.
 */
export async function listExpectedArrivals(query: HospitalBoardQuery): Promise<LegView[]> {
  const { legs: arrivals } = await loadHospitalBoard(query, {
    action: 'arrivals.read',
    where: (day) =>
      and(
        eq(hospitals.id, query.hospitalId),
        eq(requests.date, day),
        eq(legs.direction, 'outbound'),
        or(
          inArray(legs.status, [...BOOKED_LEG_STATUSES]),
          // Admitted and in treatment: still the hospital's until it says "treatment finished".
          inTreatmentSql,
        ),
      ),
    orderBy: sql`coalesce(${legs.etaAt}, ${legs.plannedDropoffAt}) asc nulls last, ${legs.id}`,
  });
  return arrivals.map((c) => presentLeg(c, query.actor));
}

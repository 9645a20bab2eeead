import { type Db, legs } from '@lastmeter/db';
import { BOOKED_LEG_STATUSES, type LegStatus, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordPatientReads } from '../record-audit.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import { authorizeOwnVehicle } from '../vehicles/authorize-own-vehicle.ts';
import { presentLeg } from './present-leg.ts';

/**
 * The legs a driver still has in hand: booked ones, and a patient refused at the hospital, who stays
 * aboard while dispatch decides (STEP_RULES.resume) — the phone must not say "no jobs" then.
 */
const IN_HAND: readonly LegStatus[] = [...BOOKED_LEG_STATUSES, 'refused_at_gate'];

/** A driver's current and upcoming jobs: the legs in their vehicle's hands, in driving order. */
export async function listMyJobs({ db, actor }: { db: Db; actor: Actor }): Promise<LegView[]> {
  const vehicleId = await authorizeOwnVehicle(db, actor, 'jobs');
  const contexts = await loadLegContexts(
    db,
    and(eq(legs.vehicleId, vehicleId), inArray(legs.status, [...IN_HAND])),
    {
      orderBy: sql`${legs.plannedPickupAt} asc nulls last, ${legs.id}`,
    },
  );
  await recordPatientReads(
    db,
    actor,
    'leg.read',
    contexts.map((c) => ({ patientId: c.patient.id, detail: { legId: c.leg.id } })),
  );
  return contexts.map((c) => presentLeg(c));
}

import { type Db, legs } from '@lastmeter/db';
import { IN_HAND_LEG_STATUSES, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordPatientReads } from '../record-audit.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import { authorizeOwnVehicle } from '../vehicles/authorize-own-vehicle.ts';
import { presentLeg } from './present-leg.ts';

/** A driver's current and upcoming jobs: the legs in their vehicle's hands, in driving order. */
export async function listMyJobs({ db, actor }: { db: Db; actor: Actor }): Promise<LegView[]> {
  const vehicleId = await authorizeOwnVehicle(db, actor, 'jobs');
  const contexts = await loadLegContexts(
    db,
    and(eq(legs.vehicleId, vehicleId), inArray(legs.status, [...IN_HAND_LEG_STATUSES])),
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

import { type Db, legs, vehicles } from '@lastmeter/db';
import { BOOKED_LEG_STATUSES, type LegStatus, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import { loadLegContexts } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/**
 * The legs a driver still has in hand: booked ones, and a patient refused at the hospital, who stays
 * aboard while dispatch decides (STEP_RULES.resume) — the phone must not say "no jobs" then.
 */
const IN_HAND: readonly LegStatus[] = [...BOOKED_LEG_STATUSES, 'refused_at_gate'];

/** A driver's current and upcoming jobs: the legs in their vehicle's hands, in driving order. */
export async function listMyJobs({ db, actor }: { db: Db; actor: Actor }): Promise<LegView[]> {
  if (actor.role !== 'driver' || !actor.vehicleId)
    throw errors.forbidden('Only a driver with a vehicle has jobs');
  const [vehicle] = await db
    .select({ districtId: vehicles.districtId })
    .from(vehicles)
    .where(eq(vehicles.id, actor.vehicleId));
  if (!vehicle) throw errors.notFound('Vehicle');
  await authorize(db, actor, 'read', {
    kind: 'vehicle',
    districtId: vehicle.districtId,
    vehicleId: actor.vehicleId,
  });
  const contexts = await loadLegContexts(
    db,
    and(eq(legs.vehicleId, actor.vehicleId), inArray(legs.status, [...IN_HAND])),
    {
      orderBy: sql`${legs.plannedPickupAt} asc nulls last, ${legs.id}`,
    },
  );
  if (contexts.length) {
    await recordAudit(
      db,
      contexts.map((c) => ({
        actor,
        action: 'leg.read',
        entity: 'patient',
        entityId: c.patient.id,
        outcome: 'allowed' as const,
        detail: { legId: c.leg.id },
      })),
    );
  }
  return contexts.map((c) => presentLeg(c));
}

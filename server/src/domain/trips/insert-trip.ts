import { type Db, incidents, legs } from '@lastmeter/db';
import type { PlanDayResult, Urgency } from '@lastmeter/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import { type LegContext, legResource, loadLegContexts } from '../schedule/load-leg.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import { openIncident } from './open-incident.ts';
import { replanTrips } from './replan-legs.ts';

/** `detail.kind` of the incident an emergency no vehicle can take opens (kind `other`). */
export const EMERGENCY_UNSERVED = 'emergency_unserved';

/**
 * Inserts one round trip into the running plan of its day (online insertion): its legs go where
 * they fit best, every booking already made stays on its vehicle in its order. Emergencies come
 * here straight from trip creation and reach a 120 ambulance. An emergency none can take waits at
 * the top of dispatch's queue, and an incident says why in the planner's coded reason
 * (`no_ambulance`, `fleet_busy`, `outside_vehicle_hours` … shared/src/planner.ts), once per leg.
 */
export async function insertTrip({
  db,
  actor,
  tripId,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  tripId: string;
  now: Date;
  timeZone: string;
}): Promise<PlanDayResult> {
  const own = await loadLegContexts(db, eq(legs.tripId, tripId));
  const [found] = own;
  const ctx = await authorizeRecord(db, actor, {
    name: 'Trip',
    id: tripId,
    row: found,
    seen: legResource,
    action: 'write',
    resource: (c) => ({ kind: 'dispatch', districtId: c.compound.districtId }),
  });
  return insertAuthorizedTrip(db, {
    actor,
    trip: {
      id: tripId,
      legIds: own.map((c) => c.leg.id),
      districtId: ctx.compound.districtId,
      date: ctx.request.date,
      urgency: ctx.request.urgency,
    },
    now,
    timeZone,
  });
}

/**
 * The insertion itself, once the caller may dispatch in the trip's district: `insertTrip` after its
 * check, `createRoundTrip` right after opening an emergency's trip (its own check covers this one).
 */
export async function insertAuthorizedTrip(
  db: Db,
  {
    actor,
    trip,
    now,
    timeZone,
  }: {
    actor: Actor;
    trip: { id: string; legIds: string[]; districtId: string; date: string; urgency: Urgency };
    now: Date;
    timeZone: string;
  },
): Promise<PlanDayResult> {
  const { result } = await db.transaction(async (tx) => {
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    const result = await replanTrips(tx, {
      actor,
      districtId: trip.districtId,
      date: trip.date,
      tripIds: [trip.id],
      events,
      now,
    });
    if (trip.urgency === 'emergency' && result.unserved.length) {
      const own = await loadLegContexts(tx, eq(legs.tripId, trip.id));
      for (const unserved of result.unserved) {
        const leg = own.find((c) => c.leg.id === unserved.legId);
        if (leg && leg.leg.direction === 'outbound')
          await reportUnservedEmergency(tx, { events, actor, ctx: leg, reason: unserved.reason });
      }
    }
    return { result, events: await events.commit() };
  });
  const mine = new Set(trip.legIds);
  return {
    date: trip.date,
    served: result.served.filter((s) => mine.has(s.legId)),
    unserved: result.unserved.filter((u) => mine.has(u.legId)),
    awaitingRelease: result.awaitingRelease.filter((id) => mine.has(id)),
    trips: { created: 0, unmatched: [] },
    onlineVisits: { booked: 0, unmatched: [] },
    // Inserting one trip moves no parcel: each only follows its vehicle's new times.
    deliveries: { served: [], unserved: [] },
    stats: {},
  };
}

/**
 * An emergency no vehicle can take now: dispatch must act by hand (free an ambulance, call the 120
 * centre). The incident names the leg and the planner's reason; the leg's `job.updated` carries the
 * same reason to the district's and the compound's screens. A leg with such an incident still open
 * gets no second one.
 */
async function reportUnservedEmergency(
  tx: Db,
  {
    events,
    actor,
    ctx,
    reason,
  }: {
    events: TripEvents;
    actor: Actor;
    ctx: LegContext;
    reason: { code: string; params: Record<string, string | number> };
  },
): Promise<void> {
  const [open] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        eq(incidents.legId, ctx.leg.id),
        isNull(incidents.resolvedAt),
        sql`${incidents.detail}->>'kind' = ${EMERGENCY_UNSERVED}`,
      ),
    );
  await events.leg('job.updated', ctx, ['district', 'compound'], { unserved: reason });
  if (open) return;
  await openIncident(tx, {
    events,
    kind: 'other',
    districtId: ctx.compound.districtId,
    legId: ctx.leg.id,
    reportedBy: actor.accountId,
    description: '',
    detail: {
      kind: EMERGENCY_UNSERVED,
      reason,
      requestId: ctx.request.id,
      compoundId: ctx.compound.id,
      gateId: ctx.gate.id,
    },
  });
}

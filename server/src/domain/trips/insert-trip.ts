import { type Db, legs } from '@lastmeter/db';
import type { PlanDayResult } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { TripEvents } from './events.ts';
import { loadLegContexts } from './load-leg.ts';
import { replanTrips } from './replan-legs.ts';

/**
 * Inserts one round trip into the running plan of its day (online insertion): its legs go where
 * they fit best, every booking already made stays on its vehicle in its order. Emergencies come
 * here straight from trip creation and reach a 120 ambulance.
 */
export async function insertTrip({
  db,
  actor,
  tripId,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  tripId: string;
  now?: Date;
}): Promise<PlanDayResult> {
  const [ctx] = await loadLegContexts(db, eq(legs.tripId, tripId));
  if (!ctx) throw errors.notFound('Trip');
  await authorize(db, actor, 'write', { kind: 'dispatch', districtId: ctx.compound.districtId });
  const { result } = await db.transaction(async (tx) => {
    const events = new TripEvents(tx, actor.accountId, now);
    const result = await replanTrips(tx, {
      actor,
      districtId: ctx.compound.districtId,
      date: ctx.request.date,
      tripIds: [tripId],
      events,
      now,
    });
    return { result, events: await events.commit() };
  });
  const mine = new Set((await loadLegContexts(db, eq(legs.tripId, tripId))).map((c) => c.leg.id));
  return {
    date: ctx.request.date,
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

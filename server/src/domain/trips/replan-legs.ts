import type { Db } from '@lastmeter/db';
import { span } from '../../observability/spans.ts';
import { type Plan, planDay, runPlanner } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { loadPlanWorld, type PlanWorld } from '../schedule/plan-input.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { travelModel } from '../travel/travel-model.ts';
import { type CommitResult, commitPlan } from './commit-plan.ts';

/**
 * An insertion whose world holds at most this many legs and parcels is planned on the calling
 * thread. It runs no search (no iterations: the new legs go where they fit best around the pinned
 * ones), which over such a world takes a few milliseconds — less than the round trip to a planner
 * thread (the world cloned there, the plan cloned back, the wait behind a day plan on a busy pool).
 * A larger world, such as a breakdown's at a busy hour, still goes to a thread, so no insertion holds
 * the event loop for long. An emergency's world is its ambulances' day (`insertionScope`), well under.
 */
export const INLINE_MAX_LEGS = 200;

/**
 * Online insertion: the given trips' open legs go where they fit best while every booked leg stays
 * on its vehicle in its order (the planner's fixed stops). Runs inside the caller's transaction,
 * with dispatch's rights: a decline, a release or a breakdown triggers it, not a dispatcher.
 */
export async function replanTrips(
  tx: Db,
  {
    actor,
    districtId,
    date,
    tripIds,
    events,
    forbid = [],
    now,
  }: {
    actor: Actor;
    districtId: string;
    date: string;
    tripIds: string[];
    events: TripEvents;
    /** Vehicles a trip must not go back on (its driver declined it). */
    forbid?: Array<{ tripId: string; vehicleId: string }>;
    now: Date;
  },
): Promise<CommitResult> {
  const world = await span('world', () =>
    loadPlanWorld(tx, {
      districtId,
      date,
      now,
      timeZone: events.timeZone,
      pinBooked: true,
      onlyTripIds: tripIds,
      forbid,
    }),
  );
  const plan = await span('planner', () => insertIntoWorld(world));
  return span('commit', () =>
    commitPlan(tx, { actor, world, plan, events, asRole: 'dispatcher', onlyTripIds: tripIds }),
  );
}

function insertIntoWorld(world: PlanWorld): Promise<Plan> {
  const options = { travel: travelModel(), input: world.input, maxIterations: 0, timeLimitMs: 500 };
  if (world.legsByPlanId.size + world.deliveriesByPlanId.size <= INLINE_MAX_LEGS)
    return Promise.resolve(planDay(options));
  return runPlanner({ ...options, threads: 1 });
}

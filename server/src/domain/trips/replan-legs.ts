import type { Db } from '@lastmeter/db';
import { runPlanner } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { type CommitResult, commitPlan } from './commit-plan.ts';
import type { TripEvents } from './events.ts';
import { loadPlanWorld } from './plan-input.ts';
import { travelModel } from './travel.ts';

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
  const world = await loadPlanWorld(tx, {
    districtId,
    date,
    now,
    timeZone: events.timeZone,
    pinBooked: true,
    onlyTripIds: tripIds,
    forbid,
  });
  const plan = await runPlanner({
    travel: travelModel(),
    input: world.input,
    maxIterations: 0,
    timeLimitMs: 500,
    threads: 1,
  });
  return commitPlan(tx, { actor, world, plan, events, asRole: 'dispatcher', onlyTripIds: tripIds });
}

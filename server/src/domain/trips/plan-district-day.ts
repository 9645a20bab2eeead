import type { Db } from '@lastmeter/db';
import { type PlanDayBody, type PlanDayResult, PlanReason } from '@lastmeter/shared';
import { AppError } from '../../errors.ts';
import { createTurfTravelModel, planDay } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { commitPlan } from './commit-plan.ts';
import { openRoundTrip, requestsWithoutTrip } from './create-round-trip.ts';
import { type Publish, TripEvents } from './events.ts';
import { loadPlanWorld } from './plan-input.ts';

/** Search budget of an interactive plan: dispatch waits for it. */
const PLAN_TIME_LIMIT_MS = 3000;

/**
 * Dispatch plans a district's day: first every request of the day without a round trip gets one
 * (hospital matched, as `createRoundTrip` does), then the planner (ALNS) searches and every
 * assignment is committed in one transaction: the whole plan or nothing. Legs drivers have accepted
 * stay where they are.
 */
export async function planDistrictDay({
  db,
  actor,
  districtId,
  input,
  publish,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  districtId: string;
  input: PlanDayBody;
  publish: Publish;
  now?: Date;
}): Promise<PlanDayResult> {
  await authorize(db, actor, 'write', { kind: 'dispatch', districtId });
  const trips = await openMissingRoundTrips(db, { actor, districtId, date: input.date, now });
  const { result, events, stats } = await db.transaction(async (tx) => {
    const world = await loadPlanWorld(tx, { districtId, date: input.date, now });
    const plan = planDay({
      input: world.input,
      travel: createTurfTravelModel(),
      timeLimitMs: PLAN_TIME_LIMIT_MS,
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.iterations !== undefined ? { maxIterations: input.iterations } : {}),
    });
    const events = new TripEvents(tx, actor.accountId, now);
    const result = await commitPlan(tx, { actor, world, plan, events });
    // Trips whose appointment is already over were not planned: say so, with the reason.
    events.unserved(world.passed.map((c) => c.request.id));
    result.unserved.push(
      ...world.passed.map((c) => ({ legId: c.leg.id, reason: { code: 'window_passed', params: {} } })),
    );
    return { result, events: await events.commit(), stats: plan.stats };
  });
  publish(events);
  return { date: input.date, ...result, trips, stats: { ...stats } };
}

/** One round trip per request of the day that has none; a request no hospital can take is reported. */
async function openMissingRoundTrips(
  db: Db,
  { actor, districtId, date, now }: { actor: Actor; districtId: string; date: string; now: Date },
): Promise<PlanDayResult['trips']> {
  const trips: PlanDayResult['trips'] = { created: 0, unmatched: [] };
  for (const row of await requestsWithoutTrip(db, { districtId, date, now })) {
    try {
      await openRoundTrip(db, { actor, row, now });
      trips.created++;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const reason = PlanReason.safeParse(error.extra.reason);
      trips.unmatched.push({
        requestId: row.request.id,
        reason: reason.success ? reason.data : { code: error.code, params: {} },
      });
    }
  }
  return trips;
}

import type { Db } from '@lastmeter/db';
import type { PlanDayBody, PlanDayResult } from '@lastmeter/shared';
import { createTurfTravelModel, planDay } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { commitPlan } from './commit-plan.ts';
import { type Publish, TripEvents } from './events.ts';
import { loadPlanWorld } from './plan-input.ts';

/** Search budget of an interactive plan: dispatch waits for it. */
const PLAN_TIME_LIMIT_MS = 3000;

/**
 * Dispatch plans a district's day with the planner (ALNS) and commits every assignment in one
 * transaction: the whole plan or nothing. Legs drivers have accepted stay where they are.
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
  const { result, events, stats } = await db.transaction(async (tx) => {
    const world = await loadPlanWorld(tx, { districtId, date: input.date, now });
    const plan = planDay({
      input: world.input,
      travel: createTurfTravelModel(),
      timeLimitMs: PLAN_TIME_LIMIT_MS,
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.iterations !== undefined ? { maxIterations: input.iterations } : {}),
    });
    const events = new TripEvents(tx, actor.accountId);
    const result = await commitPlan(tx, { actor, world, plan, events });
    // Trips whose appointment is already over were not planned: say so, with the reason.
    events.unserved(world.passed.map((c) => c.request.id));
    result.unserved.push(
      ...world.passed.map((c) => ({ legId: c.leg.id, reason: { code: 'window_passed', params: {} } })),
    );
    return { result, events: await events.commit(), stats: plan.stats };
  });
  publish(events);
  return { date: input.date, ...result, stats: { ...stats } };
}

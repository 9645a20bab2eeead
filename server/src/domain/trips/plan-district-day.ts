import { type Db, deliveries, legs, vehicles } from '@lastmeter/db';
import type { PlanDayBody, PlanDayResult } from '@lastmeter/shared';
import { asc, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { type Plan, runPlanner } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { bookMissingOnlineVisits } from '../online-visits/book-missing-online-visits.ts';
import { planRefusalReason } from '../plan-refusal.ts';
import { loadPlanWorld, type PlanWorld } from '../schedule/plan-input.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import { travelModel } from '../travel/travel-model.ts';
import type { DistrictDay, UseCase } from '../use-case.ts';
import { commitPlan } from './commit-plan.ts';
import {
  appointmentPassed,
  openRoundTrip,
  requestsWithoutTrip,
  settleWindowPassed,
  WINDOW_PASSED,
} from './create-round-trip.ts';

/** Search budget of an interactive plan: dispatch waits for it. */
const PLAN_TIME_LIMIT_MS = 3000;

/**
 * Dispatch plans a district's day: first every request of the day without a round trip gets one
 * (hospital matched, as `createRoundTrip` does) and every request served online an online visit; then the planner (ALNS) searches a snapshot of the
 * day outside any transaction, in worker threads, for as long as its time budget; then one short
 * transaction commits every assignment — the whole plan or nothing — after checking the snapshot
 * still holds. Legs drivers have accepted stay where they are.
 */
export async function planDistrictDay(
  use: UseCase & { districtId: string; input: PlanDayBody },
): Promise<PlanDayResult> {
  const { db, actor, districtId, input, now, timeZone } = use;
  await authorize(db, actor, 'write', { kind: 'dispatch', districtId });
  const day: DistrictDay = { ...use, date: input.date };
  const trips = await openMissingRoundTrips(day);
  const onlineVisits = await bookMissingOnlineVisits(day);
  const world = await loadPlanWorld(db, { districtId, date: input.date, now, timeZone });
  const plan = await runPlanner({
    input: world.input,
    travel: travelModel(),
    timeLimitMs: PLAN_TIME_LIMIT_MS,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.iterations !== undefined ? { maxIterations: input.iterations } : {}),
  });
  const { result } = await commitDayPlan(db, { actor, world, plan, now, timeZone });
  return { date: input.date, ...result, trips, onlineVisits, stats: { ...plan.stats } };
}

/**
 * Commits a plan searched on a snapshot (`world`) in one short transaction. Every leg of the snapshot
 * is locked and must still be as it was, and every vehicle the plan uses still on duty; otherwise
 * nothing is written and dispatch gets 409 `plan_outdated` naming what changed (a driver accepted, a
 * dispatcher assigned by hand, a vehicle broke down). The exclusion constraints still refuse any
 * double booking with trips the snapshot did not hold.
 */
export async function commitDayPlan(
  db: Db,
  {
    actor,
    world,
    plan,
    now,
    timeZone,
  }: { actor: Actor; world: PlanWorld; plan: Plan; now: Date; timeZone: string },
) {
  return db.transaction(async (tx) => {
    await assertSnapshotHolds(tx, world, plan);
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    const result = await commitPlan(tx, { actor, world, plan, events });
    // Trips whose appointment is already over were not planned: say so, with the reason.
    events.unserved(world.passed.map((c) => c.request.id));
    result.unserved.push(
      ...world.passed.map((c) => ({ legId: c.leg.id, reason: { code: 'window_passed', params: {} } })),
    );
    return { result, events: await events.commit() };
  });
}

async function assertSnapshotHolds(tx: Db, world: PlanWorld, plan: Plan): Promise<void> {
  const seen = new Map(
    [...world.legsByPlanId.values(), ...world.passed].map((c) => [c.leg.id, c.leg.version]),
  );
  const legIds = [...seen.keys()].sort();
  const current = legIds.length
    ? await tx
        .select({ id: legs.id, version: legs.version })
        .from(legs)
        .where(inArray(legs.id, legIds))
        .orderBy(asc(legs.id))
        .for('update')
    : [];
  const changedLegs = current.filter((l) => seen.get(l.id) !== l.version).map((l) => l.id);
  const used = [...new Set(plan.routes.filter((r) => r.stops.length).map((r) => r.vehicleId))].sort();
  const fleet = used.length
    ? await tx
        .select({ id: vehicles.id, status: vehicles.status })
        .from(vehicles)
        .where(inArray(vehicles.id, used))
        .orderBy(asc(vehicles.id))
        .for('share')
    : [];
  const changedVehicles = fleet.filter((v) => v.status === 'off').map((v) => v.id);
  // A parcel collected or cancelled while the search ran: the plan no longer fits it.
  const parcelsSeen = new Map(
    [...world.deliveriesByPlanId.values(), ...world.passedDeliveries].map((c) => [
      c.delivery.id,
      c.delivery.version,
    ]),
  );
  const parcelIds = [...parcelsSeen.keys()].sort();
  const parcels = parcelIds.length
    ? await tx
        .select({ id: deliveries.id, version: deliveries.version })
        .from(deliveries)
        .where(inArray(deliveries.id, parcelIds))
        .orderBy(asc(deliveries.id))
        .for('update')
    : [];
  const changedParcels = parcels.filter((p) => parcelsSeen.get(p.id) !== p.version).map((p) => p.id);
  if (
    changedLegs.length ||
    changedVehicles.length ||
    changedParcels.length ||
    current.length !== legIds.length
  )
    throw errors.planOutdated({ legIds: [...changedLegs, ...changedParcels], vehicleIds: changedVehicles });
}

/** One round trip per request of the day that has none; a request no hospital can take is reported. */
async function openMissingRoundTrips(day: DistrictDay): Promise<PlanDayResult['trips']> {
  const { db, actor, districtId, date, now, timeZone } = day;
  const trips: PlanDayResult['trips'] = { created: 0, unmatched: [] };
  for (const row of await requestsWithoutTrip(db, { districtId, date })) {
    // Entered after its appointment: no trip any more, unserved with the reason the response reports.
    if (appointmentPassed(row.request, now, timeZone)) {
      await settleWindowPassed(db, row.request.id);
      trips.unmatched.push({ requestId: row.request.id, reason: WINDOW_PASSED });
      continue;
    }
    try {
      await openRoundTrip(db, { actor, row, now, timeZone });
      trips.created++;
    } catch (error) {
      trips.unmatched.push({ requestId: row.request.id, reason: planRefusalReason(error) });
    }
  }
  return trips;
}

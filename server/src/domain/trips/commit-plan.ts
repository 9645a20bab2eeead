import { randomUUID } from 'node:crypto';
import { type Db, legs } from '@lastmeter/db';
import { BOOKED_LEG_STATUSES, HELD_LEG_STATUSES, type LegStatus } from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import type { Plan } from '../../planner/index.ts';
import type { Actor } from '../actor.ts';
import { commitDeliveries, type DeliveryCommit } from '../deliveries/commit-deliveries.ts';
import type { LegContext } from '../schedule/load-leg.ts';
import type { PlanWorld } from '../schedule/plan-input.ts';
import {
  allowSoftRules,
  deferBookingChecks,
  lockVehicles,
  noteScheduleChange,
} from '../schedule/schedule-gate.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { announceBooking } from './assign-leg.ts';
import { bookedUntil, bookLeg, UNBOOKED } from './book-leg.ts';
import { cancelledParties } from './unbook-leg.ts';

const BOOKED = BOOKED_LEG_STATUSES as readonly LegStatus[];

interface Placement {
  ctx: LegContext;
  vehicleId: string;
  pickupAt: Date;
  dropoffAt: Date;
  freeAt: Date;
  from: number;
  to: number;
  runId?: string;
}

export interface CommitResult {
  served: Array<{ legId: string; vehicleId: string; runId: string; pickupAt: string; dropoffAt: string }>;
  unserved: Array<{ legId: string; reason: { code: string; params: Record<string, string | number> } }>;
  awaitingRelease: string[];
  /** The medicine deliveries planned with the legs (issue 12). */
  deliveries: DeliveryCommit;
}

/**
 * Writes a plan in the caller's transaction. Legs that ride one vehicle at overlapping times form a
 * run (one `run_id`, so the exclusion constraints let them share it); legs a driver holds keep their
 * run. Changed bookings are first released, then booked, so swaps between vehicles never clash
 * half-way. Each driver hears only of what changed for them.
 */
export async function commitPlan(
  tx: Db,
  {
    actor,
    world,
    plan,
    events,
    asRole,
    onlyTripIds,
  }: {
    actor: Actor;
    world: PlanWorld;
    plan: Plan;
    events: TripEvents;
    asRole?: Actor['role'];
    /** Change only these trips' legs; every other booking stays as it is (online insertion). */
    onlyTripIds?: string[];
  },
): Promise<CommitResult> {
  const touchable = (ctx: LegContext) =>
    !HELD_LEG_STATUSES.includes(ctx.leg.status) && (!onlyTripIds || onlyTripIds.includes(ctx.trip.id));
  const placements: Placement[] = [];
  for (const route of plan.routes) {
    const pickups = new Map(route.stops.filter((s) => s.type === 'pickup').map((s) => [s.legId, s]));
    const vehicle = world.vehicles.get(route.vehicleId);
    if (!vehicle) continue;
    for (const stop of route.stops) {
      if (stop.type !== 'dropoff') continue;
      const ctx = world.legsByPlanId.get(stop.legId);
      if (!ctx) continue;
      const pickup = pickups.get(stop.legId);
      // The pickup is when service starts at the stop, not when the vehicle gets there: a vehicle
      // early at the gate or the hospital waits, and the patient's booking must not begin with the wait
      // (it would overlap the patient's other leg, e.g. a return waited for during treatment).
      const pickupAt = new Date(pickup ? pickup.start : (ctx.leg.plannedPickupAt?.getTime() ?? stop.start));
      // The patient is delivered when service starts at the drop-off (that is what must fall inside the
      // appointment window); the vehicle is busy until it leaves, after helping the patient off.
      const dropoffAt = new Date(Math.max(stop.start, pickupAt.getTime() + 60_000));
      const freeAt = new Date(Math.max(stop.departure, dropoffAt.getTime()));
      const to = bookedUntil(ctx, freeAt, vehicle.disinfectionMinutes).getTime();
      const held = !touchable(ctx);
      placements.push({
        ctx,
        vehicleId: route.vehicleId,
        pickupAt,
        dropoffAt,
        freeAt,
        // A held leg keeps its booked range; the run must cover it as the database sees it.
        from: Math.min(pickupAt.getTime(), held ? (ctx.leg.bookedFrom?.getTime() ?? Infinity) : Infinity),
        to: Math.max(to, held ? (ctx.leg.bookedTo?.getTime() ?? 0) : 0),
      });
    }
  }
  assignRuns(placements, touchable);

  const changed = placements.filter((p) => touchable(p.ctx) && !unchanged(p));
  const servedIds = new Set(placements.map((p) => p.ctx.leg.id));
  const dropped = [...world.legsByPlanId.values()].filter(
    (c) => !servedIds.has(c.leg.id) && c.leg.status === 'assigned' && touchable(c),
  );

  // Every vehicle the plan books onto or takes legs off, locked in id order before any leg moves:
  // two plans committing at once queue on the fleet instead of deadlocking on each other's legs.
  await Promise.all([
    lockVehicles(tx, [
      ...placements.map((p) => p.vehicleId),
      ...[...changed.map((p) => p.ctx), ...dropped].flatMap((c) =>
        c.leg.vehicleId ? [c.leg.vehicleId] : [],
      ),
    ]),
    deferBookingChecks(tx),
  ]);
  // Phase 1: release every booking that moves or goes, so phase 2 never clashes with a stale one.
  const released = new Map<string, LegContext>();
  for (const ctx of [...changed.map((p) => p.ctx), ...dropped]) {
    if (!BOOKED.includes(ctx.leg.status)) continue;
    const next = await applyLegStep(tx, {
      actor,
      ctx,
      step: 'unassign',
      note: 'replanned',
      patch: UNBOOKED,
      asRole: asRole ?? actor.role,
      now: events.now,
      timeZone: events.timeZone,
    });
    released.set(ctx.leg.id, next);
  }
  // Runs of legs kept as they are are regrouped by the schedule gate at commit (schedule/schedule-gate.ts).
  // The planner weighs the 120 reserve itself (scheduled care on an ambulance only when nothing else can).
  allowSoftRules(tx, ['ambulance_reserve']);
  // Phase 2: book.
  const booked: LegContext[] = [];
  for (const p of changed) {
    const vehicle = world.vehicles.get(p.vehicleId);
    if (!vehicle || !p.runId) continue;
    const ctx = released.get(p.ctx.leg.id) ?? p.ctx;
    booked.push(
      await bookLeg(tx, {
        actor,
        ctx,
        booking: {
          vehicle,
          driverId: vehicle.driverId,
          runId: p.runId,
          pickupAt: p.pickupAt,
          dropoffAt: p.dropoffAt,
          freeAt: p.freeAt,
        },
        note: 'planned',
        asRole: asRole ?? actor.role,
        now: events.now,
        timeZone: events.timeZone,
      }),
    );
  }
  // Legs kept on their vehicle whose times the plan moved (a late vehicle, an insertion ahead of
  // them) are re-timed, so what is booked is what the plan drives.
  for (const p of placements) {
    const { leg } = p.ctx;
    if (touchable(p.ctx) || !BOOKED.includes(leg.status) || leg.vehicleId !== p.vehicleId) continue;
    const moved = (a: Date | null, b: Date) => !a || Math.abs(a.getTime() - b.getTime()) > 60_000;
    if (!moved(leg.plannedPickupAt, p.pickupAt) && !moved(leg.plannedDropoffAt, p.dropoffAt)) continue;
    const aboard = leg.status === 'on_board' || leg.status === 'arrived';
    const vehicle = world.vehicles.get(p.vehicleId);
    await noteScheduleChange(tx, { vehicleId: p.vehicleId, legId: leg.id, date: p.ctx.request.date });
    const [row] = await tx
      .update(legs)
      .set({
        plannedPickupAt: aboard ? leg.plannedPickupAt : p.pickupAt,
        plannedDropoffAt: p.dropoffAt,
        ...(aboard ? {} : { bookedFrom: p.pickupAt }),
        bookedTo: bookedUntil(p.ctx, p.freeAt, vehicle?.disinfectionMinutes ?? 0),
        version: sql`${legs.version} + 1`,
        updatedAt: events.now,
      })
      .where(eq(legs.id, leg.id))
      .returning();
    if (row) await events.leg('job.updated', { ...p.ctx, leg: row }, ['vehicle', 'district', 'compound']);
  }
  for (const [, next] of released) {
    const before = [...changed.map((p) => p.ctx), ...dropped].find((c) => c.leg.id === next.leg.id);
    const after = booked.find((b) => b.leg.id === next.leg.id);
    if (before && before.leg.vehicleId !== after?.leg.vehicleId) {
      await events.leg('job.cancelled', before, cancelledParties(before), {
        status: after?.leg.status ?? 'planned',
        reason: 'replanned',
      });
    }
  }
  for (const ctx of booked) {
    const before = released.has(ctx.leg.id)
      ? changed.find((p) => p.ctx.leg.id === ctx.leg.id)?.ctx
      : undefined;
    if (before && before.leg.vehicleId === ctx.leg.vehicleId)
      await events.leg('job.updated', ctx, ['vehicle', 'district', 'compound']);
    else await announceBooking(events, ctx);
  }

  const unserved = plan.unserved.flatMap((u) => {
    const ctx = world.legsByPlanId.get(u.legId);
    return ctx ? [{ legId: ctx.leg.id, reason: u.reason }] : [];
  });
  // Every request of the plan follows its legs at commit; the planner's verdict tells `unserved`
  // from merely `matched` for those still waiting for a vehicle.
  events.follow([...world.legsByPlanId.values()].map((c) => c.request.id));
  events.unserved(plan.unserved.flatMap((u) => world.legsByPlanId.get(u.legId)?.request.id ?? []));
  const deliveryCommit = await commitDeliveries(tx, {
    world,
    plan,
    events,
    actorId: actor.accountId,
    onlyPinned: onlyTripIds !== undefined,
  });

  return {
    served: placements.map((p) => ({
      legId: p.ctx.leg.id,
      vehicleId: p.vehicleId,
      runId: p.runId ?? p.ctx.leg.runId ?? '',
      pickupAt: p.pickupAt.toISOString(),
      dropoffAt: p.dropoffAt.toISOString(),
    })),
    unserved,
    awaitingRelease: plan.awaitingRelease.flatMap((id) => {
      const ctx = world.legsByPlanId.get(id);
      return ctx ? [ctx.leg.id] : [];
    }),
    deliveries: deliveryCommit,
  };
}

function unchanged(p: Placement): boolean {
  const { leg } = p.ctx;
  return (
    leg.status === 'assigned' &&
    leg.vehicleId === p.vehicleId &&
    leg.runId === p.runId &&
    leg.plannedPickupAt?.getTime() === p.pickupAt.getTime() &&
    leg.plannedDropoffAt?.getTime() === p.dropoffAt.getTime()
  );
}

/**
 * Runs: per vehicle, legs whose booked ranges overlap (transitively) ride together. A run keeps the
 * id a held leg already has; otherwise it gets a new one.
 */
function assignRuns(placements: Placement[], touchable: (ctx: LegContext) => boolean): void {
  const byVehicle = new Map<string, Placement[]>();
  for (const p of placements) byVehicle.set(p.vehicleId, [...(byVehicle.get(p.vehicleId) ?? []), p]);
  for (const list of byVehicle.values()) {
    list.sort((a, b) => a.from - b.from);
    let group: Placement[] = [];
    let groupEnd = -Infinity;
    const close = () => {
      if (!group.length) return;
      const held = group.find(
        (p) => !touchable(p.ctx) && BOOKED.includes(p.ctx.leg.status) && p.ctx.leg.runId,
      );
      const kept = group.find(
        (p) => p.ctx.leg.status === 'assigned' && p.ctx.leg.vehicleId === p.vehicleId && p.ctx.leg.runId,
      );
      const runId = held?.ctx.leg.runId ?? kept?.ctx.leg.runId ?? randomUUID();
      for (const p of group) p.runId = runId;
      group = [];
    };
    for (const p of list) {
      if (p.from >= groupEnd) close();
      group.push(p);
      groupEnd = Math.max(groupEnd, p.to);
    }
    close();
  }
}

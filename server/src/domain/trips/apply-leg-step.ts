import { type Db, legs, patients, vehicles } from '@lastmeter/db';
import {
  ABOARD_LEG_STATUSES,
  BOOKED_LEG_STATUSES,
  boardingRefusal,
  decideStep,
  type LegStatus,
  type LegStep,
  legOrderRefusal,
  type Role,
  stepTimeRefusal,
} from '@lastmeter/shared';
import { and, eq, ne } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import type { LegContext } from '../schedule/load-leg.ts';
import { noteScheduleChange } from '../schedule/schedule-gate.ts';
import { writeLegChange } from './write-leg-change.ts';

const BOOKING_FIELDS = [
  'vehicleId',
  'plannedPickupAt',
  'plannedDropoffAt',
  'bookedFrom',
  'bookedTo',
] as const;

export interface StepPosition {
  lng?: number | undefined;
  lat?: number | undefined;
}

/**
 * Moves a locked leg one lifecycle step: the role and status rules first (403 / 409 naming the
 * allowed statuses), then optimistic concurrency on `version`, then the clock and the order of the
 * patient's legs (409 `step_not_open` naming the rule and when it opens), then the history row —
 * who, when, where. Every step of every path passes here. Call inside the transaction that locked
 * the leg, with `now` from the server's clock (server/src/clock.ts).
 */
export async function applyLegStep(
  tx: Db,
  {
    actor,
    ctx,
    step,
    version,
    position = {},
    note = '',
    patch = {},
    asRole = actor.role,
    now,
    timeZone,
  }: {
    actor: Actor;
    ctx: LegContext;
    step: LegStep;
    version?: number | undefined;
    position?: StepPosition;
    note?: string;
    patch?: Partial<typeof legs.$inferInsert>;
    /**
     * Re-planning that a driver's or hospital's step triggers (a decline, a release) books with
     * dispatch's rights; the history still names the account whose step caused it.
     */
    asRole?: Role;
    now: Date;
    /** The city's time zone (config `TIME_ZONE`): a leg is worked on its own day there. */
    timeZone: string;
  },
): Promise<LegContext> {
  const verdict = decideStep(step, ctx.leg, asRole);
  if (!verdict.ok) {
    if (verdict.reason === 'role')
      throw errors.forbidden(`A ${actor.role} cannot ${step} a ${ctx.leg.direction} leg`);
    throw errors.invalidTransition(verdict.from, verdict.to, verdict.allowed);
  }
  if (version !== undefined && version !== ctx.leg.version) {
    throw errors.conflict('The leg changed since you last saw it', {
      legId: ctx.leg.id,
      currentVersion: ctx.leg.version,
    });
  }
  // A leg of another day cannot be worked; "out" and the hospital's "arrived" open near their times.
  const early = stepTimeRefusal(
    step,
    {
      status: ctx.leg.status,
      date: ctx.request.date,
      plannedPickupAt: ctx.leg.plannedPickupAt,
      plannedDropoffAt: ctx.leg.plannedDropoffAt,
    },
    now,
    { timeZone },
  );
  if (early) throw errors.stepNotOpen(early);
  const boarding = verdict.to === 'on_board' && !ABOARD_LEG_STATUSES.includes(verdict.from);
  if (boarding || (step === 'no_show' && ctx.leg.direction === 'return'))
    await refuseOutOfOrder(tx, ctx, step, verdict.from, verdict.to);
  // Nobody boards a vehicle while it is disinfected after the last passenger (rule 3): every boarding step passes here.
  if (boarding && ctx.leg.vehicleId) {
    const [vehicle] = await tx
      .select({ disinfectingUntil: vehicles.disinfectingUntil })
      .from(vehicles)
      .where(eq(vehicles.id, ctx.leg.vehicleId));
    const refusal = boardingRefusal(verdict.from, verdict.to, vehicle?.disinfectingUntil ?? null, now);
    if (refusal) throw errors.stepNotOpen(refusal);
  }
  // A leg booked or moved onto a vehicle goes through the schedule gate before the transaction ends.
  const vehicleId = patch.vehicleId !== undefined ? patch.vehicleId : ctx.leg.vehicleId;
  if (
    vehicleId &&
    (BOOKED_LEG_STATUSES as readonly LegStatus[]).includes(verdict.to) &&
    BOOKING_FIELDS.some((field) => patch[field] !== undefined)
  )
    await noteScheduleChange(tx, { vehicleId, legId: ctx.leg.id, date: ctx.request.date });
  const row = await writeLegChange(tx, ctx.leg, {
    set: { ...patch, status: verdict.to },
    now,
    actorId: actor.accountId,
    conflict: 'The leg changed since you last saw it',
    history: { fromStatus: verdict.from, lng: position.lng ?? null, lat: position.lat ?? null, note },
  });
  return { ...ctx, leg: row };
}

/**
 * A patient rides one leg at a time, and a return waits for its outbound (`legOrderRefusal`). The
 * patient's row is locked first, so two boardings of one patient on two legs at once (two vehicles,
 * two transactions) are judged one after the other: the second sees the first aboard.
 */
async function refuseOutOfOrder(
  tx: Db,
  ctx: LegContext,
  step: LegStep,
  from: LegStatus,
  to: LegStatus,
): Promise<void> {
  await tx
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.id, ctx.patient.id))
    .for('no key update');
  const others = await tx
    .select({ direction: legs.direction, status: legs.status, tripId: legs.tripId })
    .from(legs)
    .where(and(eq(legs.patientId, ctx.patient.id), ne(legs.id, ctx.leg.id)));
  const refusal = legOrderRefusal(
    step,
    from,
    to,
    ctx.leg,
    others.map((o) => ({ direction: o.direction, status: o.status, sameTrip: o.tripId === ctx.leg.tripId })),
  );
  if (refusal) throw errors.stepNotOpen(refusal);
}

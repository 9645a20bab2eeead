import { type Db, legEvents, legs, vehicles } from '@lastmeter/db';
import {
  BOOKED_LEG_STATUSES,
  boardingRefusal,
  decideStep,
  type LegStatus,
  type LegStep,
  type Role,
} from '@lastmeter/shared';
import { and, eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import type { LegContext } from './load-leg.ts';
import { noteScheduleChange } from './schedule-gate.ts';

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
 * allowed statuses), then optimistic concurrency on `version`, then the history row — who, when,
 * where. Call inside the transaction that locked the leg.
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
    now = new Date(),
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
    now?: Date;
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
  // Nobody boards a vehicle while it is disinfected after the last passenger (rule 3): every boarding step passes here.
  if (verdict.to === 'on_board' && ctx.leg.vehicleId) {
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
  const [row] = await tx
    .update(legs)
    .set({ ...patch, status: verdict.to, version: sql`${legs.version} + 1`, updatedAt: new Date() })
    .where(and(eq(legs.id, ctx.leg.id), eq(legs.version, ctx.leg.version)))
    .returning();
  if (!row) throw errors.conflict('The leg changed since you last saw it', { legId: ctx.leg.id });
  await tx.insert(legEvents).values({
    legId: row.id,
    actorId: actor.accountId,
    fromStatus: verdict.from,
    toStatus: verdict.to,
    lng: position.lng ?? null,
    lat: position.lat ?? null,
    note,
  });
  return { ...ctx, leg: row };
}

import type { Db } from '@lastmeter/db';
import type { Role } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import type { LegContext } from '../schedule/load-leg.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { applyLegStep, type StepPosition } from './apply-leg-step.ts';
import { UNBOOKED } from './book-leg.ts';

/** Who must forget a booking: the driver, dispatch, the gate, and for an outbound leg the hospital. */
export function cancelledParties(ctx: LegContext) {
  return ctx.leg.direction === 'outbound'
    ? (['vehicle', 'district', 'compound', 'hospital'] as const)
    : (['vehicle', 'district', 'compound'] as const);
}

/**
 * Takes a locked leg off its vehicle — `unassign` (back to be planned) or `cancel` — and tells
 * everyone who knew of the booking that the job is off, with why (`reason`).
 */
export async function unbookLeg(
  tx: Db,
  events: TripEvents,
  {
    actor,
    ctx,
    step,
    reason,
    note = reason,
    version,
    position,
    asRole,
  }: {
    actor: Actor;
    ctx: LegContext;
    step: 'unassign' | 'cancel';
    reason: string;
    note?: string;
    version?: number | undefined;
    position?: StepPosition;
    asRole?: Role;
  },
): Promise<LegContext> {
  const next = await applyLegStep(tx, {
    actor,
    ctx,
    step,
    version,
    note,
    patch: UNBOOKED,
    ...(position ? { position } : {}),
    ...(asRole ? { asRole } : {}),
    now: events.now,
    timeZone: events.timeZone,
  });
  await events.leg('job.cancelled', ctx, cancelledParties(ctx), { status: next.leg.status, reason });
  return { ...next, vehicle: null };
}

import type { Db } from '@lastmeter/db';
import { legs } from '@lastmeter/db';
import { type CancelLegBody, type LegView, STEP_RULES } from '@lastmeter/shared';
import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelledParties } from './assign-leg.ts';
import { UNBOOKED } from './book-leg.ts';
import { TripEvents } from './events.ts';
import { type LegContext, legResource, loadLegContext, loadLegContexts, loadLegFor } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/** Dispatch cancels a leg; cancelling an outbound leg cancels its return too (no return without going). */
export async function cancelLeg({
  db,
  actor,
  legId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  legId: string;
  input: CancelLegBody;
  now: Date;
}): Promise<LegView> {
  const seen = await loadLegFor(db, actor, legId, 'read');
  await authorize(db, actor, 'manage', legResource(seen), { entity: 'patient', entityId: seen.patient.id });
  const { ctx } = await db.transaction(async (tx) => {
    const locked = await loadLegContext(tx, legId, { lock: true });
    if (!locked) throw new Error('leg vanished under lock');
    const events = new TripEvents(tx, actor.accountId, now);
    const ctx = await cancelWithEvents(tx, actor, locked, input.reason, events, input.version);
    if (ctx.leg.direction === 'outbound') await cancelReturnOf(tx, actor, ctx, input.reason, events);
    return { ctx, events: await events.commit() };
  });
  return presentLeg(ctx);
}

export async function cancelWithEvents(
  tx: Db,
  actor: Actor,
  locked: LegContext,
  reason: string,
  events: TripEvents,
  version?: number,
  asRole?: Actor['role'],
): Promise<LegContext> {
  const ctx = await applyLegStep(tx, {
    actor,
    ctx: locked,
    step: 'cancel',
    version,
    note: reason,
    patch: UNBOOKED,
    ...(asRole ? { asRole } : {}),
    now: events.now,
  });
  await events.leg('job.cancelled', locked, cancelledParties(locked), { status: ctx.leg.status, reason });
  return { ...ctx, vehicle: null };
}

/** The return leg of a trip whose outbound leg ended without reaching the hospital (cancel, no-show). */
export async function cancelReturnOf(
  tx: Db,
  actor: Actor,
  outbound: LegContext,
  reason: string,
  events: TripEvents,
): Promise<void> {
  const [ret] = await loadLegContexts(
    tx,
    and(eq(legs.tripId, outbound.trip.id), ne(legs.id, outbound.leg.id)),
    { lock: true },
  );
  if (ret && STEP_RULES.cancel.from.includes(ret.leg.status))
    await cancelWithEvents(tx, actor, ret, reason, events, undefined, 'dispatcher');
}

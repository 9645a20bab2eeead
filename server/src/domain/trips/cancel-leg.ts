import type { Db } from '@lastmeter/db';
import { legs } from '@lastmeter/db';
import { type CancelLegBody, type LegView, STEP_RULES } from '@lastmeter/shared';
import { and, eq, ne } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelledParties } from './assign-leg.ts';
import { UNBOOKED } from './book-leg.ts';
import { TripEvents } from './events.ts';
import { type LegContext, legResource, loadLegContext, loadLegContexts, loadLegFor } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/** Outbound statuses after which the patient goes nowhere more on this trip, or is at the hospital. */
const OUTBOUND_OVER: readonly LegView['status'][] = ['completed', 'cancelled', 'no_show'];

/**
 * Dispatch cancels a leg; cancelling an outbound leg cancels its return too (no return without going).
 * A return alone is cancelled once its outbound is over (the patient reached the hospital, and stays
 * there, or never left): before that the round trip is cancelled from its outbound, so no outbound is
 * left to plan without the way back (一来一回).
 */
export async function cancelLeg({
  db,
  actor,
  legId,
  input,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  legId: string;
  input: CancelLegBody;
  now: Date;
  timeZone: string;
}): Promise<LegView> {
  const seen = await loadLegFor(db, actor, legId, 'read');
  await authorize(db, actor, 'manage', legResource(seen), { entity: 'patient', entityId: seen.patient.id });
  const { ctx } = await db.transaction(async (tx) => {
    const locked = await loadLegContext(tx, legId, { lock: true });
    if (!locked) throw new Error('leg vanished under lock');
    if (locked.leg.direction === 'return') {
      const [outbound] = await tx
        .select({ id: legs.id, status: legs.status })
        .from(legs)
        .where(and(eq(legs.tripId, locked.trip.id), eq(legs.direction, 'outbound')));
      if (outbound && !OUTBOUND_OVER.includes(outbound.status)) {
        const en =
          'The outbound leg is not over: cancel the round trip from its outbound leg, which cancels the return with it';
        const error = errors.conflict(en, {
          legId,
          outboundLegId: outbound.id,
          outboundStatus: outbound.status,
        });
        error.localizedDetail = (locale) =>
          locale === 'zh-CN' ? '去程尚未结束：请从去程取消整个往返行程，返程随之取消' : en;
        throw error;
      }
    }
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
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
    timeZone: events.timeZone,
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

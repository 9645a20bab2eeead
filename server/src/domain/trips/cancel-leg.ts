import type { Db } from '@lastmeter/db';
import { legs } from '@lastmeter/db';
import {
  type CancelLegBody,
  isTerminal,
  LEG_CANCEL_MESSAGES,
  type LegView,
  STEP_RULES,
} from '@lastmeter/shared';
import { and, eq, ne } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { type LegContext, loadLegContexts } from '../schedule/load-leg.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { presentLeg } from './present-leg.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';
import { unbookLeg } from './unbook-leg.ts';

/**
 * Dispatch cancels a leg; cancelling an outbound leg cancels its return too (no return without going).
 * A return alone is cancelled once its outbound is over (the patient reached the hospital, and stays
 * there, or never left): before that the round trip is cancelled from its outbound, so no outbound is
 * left to plan without the way back (一来一回).
 */
export async function cancelLeg(use: LegUseCase<CancelLegBody>): Promise<LegView> {
  const { actor, input } = use;
  const ctx = await stepLeg(use, 'manage', async ({ tx, locked, events }) => {
    if (locked.leg.direction === 'return') {
      const [outbound] = await tx
        .select({ id: legs.id, status: legs.status })
        .from(legs)
        .where(and(eq(legs.tripId, locked.trip.id), eq(legs.direction, 'outbound')));
      if (outbound && !isTerminal(outbound.status)) {
        const text = LEG_CANCEL_MESSAGES.outbound_not_over;
        const error = errors.conflict(text.en, {
          legId: use.legId,
          outboundLegId: outbound.id,
          outboundStatus: outbound.status,
        });
        error.localizedDetail = (locale) => text[locale];
        throw error;
      }
    }
    const reason = input.reason;
    const ctx = await unbookLeg(tx, events, {
      actor,
      ctx: locked,
      step: 'cancel',
      reason,
      version: input.version,
    });
    if (ctx.leg.direction === 'outbound') await cancelReturnOf(tx, actor, ctx, reason, events);
    return ctx;
  });
  return presentLeg(ctx);
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
    await unbookLeg(tx, events, { actor, ctx: ret, step: 'cancel', reason, asRole: 'dispatcher' });
}

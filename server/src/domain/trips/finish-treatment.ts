import { legEvents, legs } from '@lastmeter/db';
import {
  earlyFinishRefusal,
  isTerminal,
  type LegView,
  plannedTreatmentEnd,
  type TreatmentFinishedBody,
} from '@lastmeter/shared';
import { and, desc, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordAudit } from '../record-audit.ts';
import { type LegContext, loadLegContexts, loadLegFor } from '../schedule/load-leg.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import { minutes } from '../travel/travel-model.ts';
import type { UseCase } from '../use-case.ts';
import { presentLeg } from './present-leg.ts';
import { replanTrips } from './replan-legs.ts';
import { writeLegChange } from './write-leg-change.ts';

/** How long after "ready" the patient may wait for the return pickup (the planner's will-call default). */
const READY_FLEX_MINUTES = 30;

/**
 * The hospital says treatment is finished ("ready for return"): the return leg is released from now.
 * A return already booked tells its driver; an unbooked one is inserted by the planner, and if no
 * vehicle can take it dispatch and the gate hear that it waits. A fixed-duration treatment ended well
 * before its planned end is "finished early": allowed, as hospitals do end treatments early, but only
 * with the reason, which the return leg's history and the audit trail keep.
 */
export async function finishTreatment(
  use: UseCase & { tripId: string; input?: TreatmentFinishedBody },
): Promise<LegView> {
  const { db, actor, tripId, input = {}, now, timeZone } = use;
  const [first] = await loadLegContexts(db, eq(legs.tripId, tripId));
  if (!first) throw errors.notFound('Trip');
  await loadLegFor(db, actor, first.leg.id, 'write');
  if (actor.role !== 'hospital' && actor.role !== 'admin' && actor.role !== 'dispatcher')
    throw errors.forbidden('Only the hospital says treatment is finished');

  const { ctx } = await db.transaction(async (tx) => {
    const both = await loadLegContexts(tx, eq(legs.tripId, tripId), { lock: true });
    const out = both.find((c) => c.leg.direction === 'outbound');
    const ret = both.find((c) => c.leg.direction === 'return');
    if (!out || !ret) throw errors.notFound('Trip');
    if (out.leg.status !== 'completed')
      throw errors.invalidTransition(out.leg.status, 'treatment_finished', ['completed']);
    if (isTerminal(ret.leg.status) || ret.leg.status === 'on_board' || ret.leg.status === 'arrived') {
      throw errors.invalidTransition(ret.leg.status, 'released', [
        'planned',
        'assigned',
        'accepted',
        'en_route',
        'at_pickup',
        'declined',
      ]);
    }
    const [arrival] = await tx
      .select({ at: legEvents.at })
      .from(legEvents)
      .where(and(eq(legEvents.legId, out.leg.id), eq(legEvents.toStatus, 'completed')))
      .orderBy(desc(legEvents.id))
      .limit(1);
    const plannedEnd = plannedTreatmentEnd({
      returnMode: out.request.returnMode,
      treatmentMinutes: out.request.treatmentMinutes,
      arrivedAt: arrival?.at ?? null,
      appointmentEnd: out.request.windowEnd,
    });
    const early = earlyFinishRefusal(plannedEnd, now);
    if (early && !input.earlyReason) throw errors.stepNotOpen(early);
    // Not a status change, but who released the patient and when belongs to the leg's history.
    const row = await writeLegChange(tx, ret.leg, {
      set: {
        released: true,
        pickupWindowStart: now,
        pickupWindowEnd: new Date(now.getTime() + minutes(READY_FLEX_MINUTES)),
      },
      now,
      actorId: actor.accountId,
      conflict: 'The leg changed meanwhile',
      history: {
        note:
          early && plannedEnd
            ? `treatment finished early (planned until ${plannedEnd.toISOString()}): ${input.earlyReason}`
            : 'treatment finished: released for return',
      },
    });
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    let ctx: LegContext = { ...ret, leg: row };
    if (row.vehicleId) {
      await events.leg('job.updated', ctx, ['vehicle', 'district', 'compound'], {
        readyAt: now.toISOString(),
      });
    } else {
      const result = await replanTrips(tx, {
        actor,
        districtId: ctx.compound.districtId,
        date: ctx.request.date,
        tripIds: [tripId],
        events,
        now,
      });
      const [reloaded] = await loadLegContexts(tx, eq(legs.id, row.id));
      if (reloaded) ctx = reloaded;
      const unserved = result.unserved.find((u) => u.legId === row.id);
      if (!ctx.leg.vehicleId) {
        await events.leg('job.updated', ctx, ['district', 'compound'], {
          readyAt: now.toISOString(),
          unserved: unserved?.reason ?? null,
        });
      }
    }
    await recordAudit(tx, {
      actor,
      action: 'leg.release',
      entity: 'patient',
      entityId: ctx.patient.id,
      outcome: 'allowed',
      detail: {
        legId: row.id,
        ...(early && plannedEnd
          ? { finishedEarly: true, plannedEnd: plannedEnd.toISOString(), reason: input.earlyReason }
          : {}),
      },
    });
    return { ctx, events: await events.commit() };
  });
  return presentLeg(ctx);
}

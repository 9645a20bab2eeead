import type { Db } from '@lastmeter/db';
import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelledParties } from './assign-leg.ts';
import { UNBOOKED } from './book-leg.ts';
import { TripEvents } from './events.ts';
import { legResource, loadLegContext, loadLegFor } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/** Dispatch takes a leg off its vehicle: back to `planned`, the driver's job is cancelled. */
export async function unassignLeg({
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
  input: LegStepBody;
  now: Date;
  timeZone: string;
}): Promise<LegView> {
  const seen = await loadLegFor(db, actor, legId, 'read');
  await authorize(db, actor, 'manage', legResource(seen), { entity: 'patient', entityId: seen.patient.id });
  const { ctx } = await db.transaction(async (tx) => {
    const locked = await loadLegContext(tx, legId, { lock: true });
    if (!locked) throw new Error('leg vanished under lock');
    const ctx = await applyLegStep(tx, {
      actor,
      ctx: locked,
      step: 'unassign',
      version: input.version,
      position: input,
      note: input.note ?? 'unassigned',
      patch: UNBOOKED,
      now,
      timeZone,
    });
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    await events.leg('job.cancelled', locked, cancelledParties(locked), {
      status: ctx.leg.status,
      reason: 'unassigned',
    });
    return { ctx: { ...ctx, vehicle: null }, events: await events.commit() };
  });
  return presentLeg(ctx);
}

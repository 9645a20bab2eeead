import type { Db } from '@lastmeter/db';
import type { DeclineBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { UNBOOKED } from './book-leg.ts';
import { loadLegContext } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';
import { replanTrips } from './replan-legs.ts';
import { stepLeg } from './step-leg.ts';

/**
 * A driver declines a job: the leg leaves their vehicle and the planner inserts it elsewhere where it
 * fits (every other booking stays); if nothing fits it waits, `declined`, for dispatch.
 */
export async function declineJob({
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
  input: DeclineBody;
  now: Date;
  timeZone: string;
}): Promise<LegView> {
  const ctx = await stepLeg(
    { db, actor, legId, access: 'write', now, timeZone },
    async ({ tx, locked, events, audit }) => {
      const declined = await applyLegStep(tx, {
        actor,
        ctx: locked,
        step: 'decline',
        version: input.version,
        note: input.reason,
        patch: UNBOOKED,
        now,
        timeZone,
      });
      await events.leg(
        'leg.status_changed',
        { ...declined, leg: { ...declined.leg, vehicleId: locked.leg.vehicleId } },
        ['vehicle', 'district'],
        { reason: input.reason },
      );
      await audit('leg.decline');
      await replanTrips(tx, {
        actor,
        districtId: locked.compound.districtId,
        date: locked.request.date,
        tripIds: [locked.trip.id],
        events,
        forbid: locked.leg.vehicleId ? [{ tripId: locked.trip.id, vehicleId: locked.leg.vehicleId }] : [],
        now,
      });
      const ctx = await loadLegContext(tx, legId);
      if (!ctx) throw new Error('leg vanished');
      return ctx;
    },
  );
  return presentLeg(ctx);
}

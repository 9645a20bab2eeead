import type { DeclineBody, LegView } from '@lastmeter/shared';
import { loadLegContext } from '../schedule/load-leg.ts';
import { UNBOOKED } from './book-leg.ts';
import { presentLeg } from './present-leg.ts';
import { replanTrips } from './replan-legs.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';

/**
 * A driver declines a job: the leg leaves their vehicle and the planner inserts it elsewhere where it
 * fits (every other booking stays); if nothing fits it waits, `declined`, for dispatch.
 */
export async function declineJob(use: LegUseCase<DeclineBody>): Promise<LegView> {
  const { actor, input } = use;
  const ctx = await stepLeg(use, 'write', async ({ tx, locked, events, audit, step }) => {
    const declined = await step('decline', { version: input.version, note: input.reason, patch: UNBOOKED });
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
      now: use.now,
    });
    const ctx = await loadLegContext(tx, use.legId);
    if (!ctx) throw new Error('leg vanished');
    return ctx;
  });
  return presentLeg(ctx);
}

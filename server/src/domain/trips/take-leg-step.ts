import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { LegContext } from '../schedule/load-leg.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { minutes, travelMinutes } from '../travel/travel-model.ts';
import { presentLeg } from './present-leg.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';

/** The plain lifecycle steps: no side effects beyond the leg, its history and its events. */
export type PlainStep =
  | 'accept'
  | 'depart'
  | 'reach_pickup'
  | 'board'
  | 'arrive'
  | 'out'
  | 'back'
  | 'confirm_arrival';

/**
 * A driver's, gatekeeper's or hospital's step on a leg of their scope (driver: their vehicle;
 * gatekeeper: their compounds; hospital: their own), with where it happened.
 */
export async function takeLegStep(use: LegUseCase<LegStepBody> & { step: PlainStep }): Promise<LegView> {
  const { step, input } = use;
  const ctx = await stepLeg(use, 'write', async ({ locked, events, audit, step: take }) => {
    const patch = step === 'out' ? { etaAt: etaAtHospital(locked, use.now) } : {};
    const ctx = await take(step, { version: input.version, position: input, note: input.note ?? '', patch });
    await stepEvents(events, step, ctx);
    await audit(`leg.${step}`);
    return ctx;
  });
  return presentLeg(ctx, use.actor);
}

function etaAtHospital(ctx: LegContext, now: Date): Date {
  return new Date(now.getTime() + minutes(travelMinutes(ctx.gate, ctx.hospital, ctx.vehicle?.kind)));
}

/** Who hears of each step (see ARCHITECTURE: the driver's vehicle and dispatch hear of every status change). */
async function stepEvents(events: TripEvents, step: PlainStep, ctx: LegContext): Promise<void> {
  switch (step) {
    case 'accept':
    case 'depart':
    case 'reach_pickup':
      // On the way out, the gate waits for this car: its "out" button opens once the driver accepts.
      return events.leg(
        'leg.status_changed',
        ctx,
        ctx.leg.direction === 'outbound' ? ['vehicle', 'district', 'compound'] : ['vehicle', 'district'],
      );
    case 'board':
      return events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
    case 'arrive':
      // The car is at the door of its destination: the hospital's desk, or the gatekeepers for a return.
      return events.leg(
        'leg.status_changed',
        ctx,
        ctx.leg.direction === 'return'
          ? ['vehicle', 'district', 'compound']
          : ['vehicle', 'district', 'hospital'],
      );
    case 'out':
      await events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
      await events.leg('patient.out', ctx, ['compound', 'district']);
      return events.leg('arrival.expected', ctx, ['hospital']);
    case 'confirm_arrival':
      return events.leg('leg.status_changed', ctx, ['vehicle', 'district', 'hospital']);
    case 'back':
      await events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
      return events.leg('patient.back', ctx, ['compound', 'district']);
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

import type { Db } from '@lastmeter/db';
import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { applyLegStep } from './apply-leg-step.ts';
import type { TripEvents } from './events.ts';
import type { LegContext } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';
import { stepLeg } from './step-leg.ts';
import { minutes, travelMinutes } from './travel.ts';

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
export async function takeLegStep({
  db,
  actor,
  legId,
  step,
  input,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  legId: string;
  step: PlainStep;
  input: LegStepBody;
  now: Date;
  timeZone: string;
}): Promise<LegView> {
  const ctx = await stepLeg(
    { db, actor, legId, access: 'write', now, timeZone },
    async ({ tx, locked, events, audit }) => {
      const patch = step === 'out' ? { etaAt: etaAtHospital(locked, now) } : {};
      const ctx = await applyLegStep(tx, {
        actor,
        ctx: locked,
        step,
        version: input.version,
        position: input,
        note: input.note ?? '',
        patch,
        now,
        timeZone,
      });
      await stepEvents(events, step, ctx);
      await audit(`leg.${step}`);
      return ctx;
    },
  );
  return presentLeg(ctx, actor);
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

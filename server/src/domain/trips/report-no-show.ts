import type { Db } from '@lastmeter/db';
import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelReturnOf } from './cancel-leg.ts';
import { openIncident } from './open-incident.ts';
import { presentLeg } from './present-leg.ts';
import { stepLeg } from './step-leg.ts';

/** The patient did not come to the gate: the leg ends, its return is cancelled, dispatch follows up. */
export async function reportNoShow({
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
  const ctx = await stepLeg(
    { db, actor, legId, access: 'write', now, timeZone },
    async ({ tx, locked, events, audit }) => {
      const ctx = await applyLegStep(tx, {
        actor,
        ctx: locked,
        step: 'no_show',
        version: input.version,
        position: input,
        note: input.note ?? '',
        now,
        timeZone,
      });
      await events.leg('leg.status_changed', ctx, ['vehicle', 'district', 'compound']);
      if (ctx.leg.direction === 'outbound') await cancelReturnOf(tx, actor, ctx, 'no_show', events);
      await openIncident(tx, {
        events,
        kind: 'no_show',
        districtId: ctx.compound.districtId,
        legId,
        vehicleId: ctx.leg.vehicleId,
        reportedBy: actor.accountId,
        description: input.note ?? '',
        detail: { compoundId: ctx.compound.id, gateId: ctx.gate.id },
      });
      await audit('leg.no_show');
      return ctx;
    },
  );
  return presentLeg(ctx);
}

import type { LegStepBody, LegView } from '@lastmeter/shared';
import { cancelReturnOf } from './cancel-leg.ts';
import { openIncident } from './open-incident.ts';
import { presentLeg } from './present-leg.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';

/** The patient did not come to the gate: the leg ends, its return is cancelled, dispatch follows up. */
export async function reportNoShow(use: LegUseCase<LegStepBody>): Promise<LegView> {
  const { actor, input } = use;
  const ctx = await stepLeg(use, 'write', async ({ tx, events, audit, step }) => {
    const ctx = await step('no_show', { version: input.version, position: input, note: input.note ?? '' });
    await events.leg('leg.status_changed', ctx, ['vehicle', 'district', 'compound']);
    if (ctx.leg.direction === 'outbound') await cancelReturnOf(tx, actor, ctx, 'no_show', events);
    await openIncident(tx, {
      events,
      kind: 'no_show',
      districtId: ctx.compound.districtId,
      legId: use.legId,
      vehicleId: ctx.leg.vehicleId,
      reportedBy: actor.accountId,
      description: input.note ?? '',
      detail: { compoundId: ctx.compound.id, gateId: ctx.gate.id },
    });
    await audit('leg.no_show');
    return ctx;
  });
  return presentLeg(ctx);
}

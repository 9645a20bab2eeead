import type { LegStepBody, LegView } from '@lastmeter/shared';
import { presentLeg } from './present-leg.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';
import { unbookLeg } from './unbook-leg.ts';

/** Dispatch takes a leg off its vehicle: back to `planned`, the driver's job is cancelled. */
export async function unassignLeg(use: LegUseCase<LegStepBody>): Promise<LegView> {
  const { actor, input } = use;
  const ctx = await stepLeg(use, 'manage', ({ tx, locked, events }) =>
    unbookLeg(tx, events, {
      actor,
      ctx: locked,
      step: 'unassign',
      reason: 'unassigned',
      note: input.note ?? 'unassigned',
      version: input.version,
      position: input,
    }),
  );
  return presentLeg(ctx);
}

import type { Db } from '@lastmeter/db';
import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { presentLeg } from './present-leg.ts';
import { stepLeg } from './step-leg.ts';
import { unbookLeg } from './unbook-leg.ts';

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
  const ctx = await stepLeg({ db, actor, legId, access: 'manage', now, timeZone }, ({ tx, locked, events }) =>
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

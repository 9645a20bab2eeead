import type { Db } from '@lastmeter/db';
import type { LegStepBody, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openIncident } from '../incidents/open-incident.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelReturnOf } from './cancel-leg.ts';
import { TripEvents } from './events.ts';
import { loadLegContext, loadLegFor } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

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
  await loadLegFor(db, actor, legId, 'write');
  const { ctx } = await db.transaction(async (tx) => {
    const locked = await loadLegContext(tx, legId, { lock: true });
    if (!locked) throw new Error('leg vanished under lock');
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
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
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
    await recordAudit(tx, {
      actor,
      action: 'leg.no_show',
      entity: 'patient',
      entityId: ctx.patient.id,
      outcome: 'allowed',
      detail: { legId },
    });
    return { ctx, events: await events.commit() };
  });
  return presentLeg(ctx);
}

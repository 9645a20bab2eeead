import type { Db } from '@lastmeter/db';
import { type IncidentView, type RefusalBody, rooms } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { openIncident } from './open-incident.ts';
import { presentIncident } from './present-incident.ts';
import { stepLeg } from './step-leg.ts';

/** Grounds the seeds forbid: no test result, health code or symptom is a precondition for entry. */
const FORBIDDEN_GROUNDS = new Set<RefusalBody['reason']>(['test_result', 'health_code', 'symptom']);

/**
 * A driver reports that the hospital gate refused the patient. The leg stops as `refused_at_gate`
 * and an incident, carrying the reason given and whether the seeds forbid it, waits for dispatch.
 */
export async function reportRefusal({
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
  input: RefusalBody;
  now: Date;
  timeZone: string;
}): Promise<IncidentView> {
  const incident = await stepLeg(
    { db, actor, legId, access: 'write', now, timeZone },
    async ({ tx, locked, events, audit }) => {
      const forbiddenGround = FORBIDDEN_GROUNDS.has(input.reason);
      const ctx = await applyLegStep(tx, {
        actor,
        ctx: locked,
        step: 'refuse_at_gate',
        version: input.version,
        position: input,
        note: `${input.reason}${input.note ? `: ${input.note}` : ''}`,
        now,
        timeZone,
      });
      await events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
      const incident = await openIncident(tx, {
        events,
        kind: 'refused_at_gate',
        districtId: ctx.compound.districtId,
        legId,
        vehicleId: ctx.leg.vehicleId,
        hospitalId: ctx.hospital.id,
        reportedBy: actor.accountId,
        description: input.note,
        detail: { reason: input.reason, forbiddenGround, note: input.note, hospitalName: ctx.hospital.name },
        notify: [rooms.hospital(ctx.hospital.id)],
      });
      await audit('leg.refused_at_gate', { incidentId: incident.id });
      return incident;
    },
  );
  return presentIncident(incident);
}

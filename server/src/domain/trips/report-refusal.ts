import { type IncidentView, type RefusalBody, rooms } from '@lastmeter/shared';
import { openIncident } from './open-incident.ts';
import { presentIncident } from './present-incident.ts';
import { type LegUseCase, stepLeg } from './step-leg.ts';

/** Forbidden grounds (docs/product.md rule 8): no test result, health code or symptom is a precondition for entry. */
const FORBIDDEN_GROUNDS = new Set<RefusalBody['reason']>(['test_result', 'health_code', 'symptom']);

/**
 * A driver reports that the hospital gate refused the patient. The leg stops as `refused_at_gate`
 * and an incident, carrying the reason given and whether it is a forbidden ground, waits for dispatch.
 */
export async function reportRefusal(use: LegUseCase<RefusalBody>): Promise<IncidentView> {
  const { actor, input } = use;
  const incident = await stepLeg(use, 'write', async ({ tx, events, audit, step }) => {
    const forbiddenGround = FORBIDDEN_GROUNDS.has(input.reason);
    const note = `${input.reason}${input.note ? `: ${input.note}` : ''}`;
    const ctx = await step('refuse_at_gate', { version: input.version, position: input, note });
    await events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
    const incident = await openIncident(tx, {
      events,
      kind: 'refused_at_gate',
      districtId: ctx.compound.districtId,
      legId: use.legId,
      vehicleId: ctx.leg.vehicleId,
      hospitalId: ctx.hospital.id,
      reportedBy: actor.accountId,
      description: input.note,
      detail: { reason: input.reason, forbiddenGround, note: input.note, hospitalName: ctx.hospital.name },
      notify: [rooms.hospital(ctx.hospital.id)],
    });
    await audit('leg.refused_at_gate', { incidentId: incident.id });
    return incident;
  });
  return presentIncident(incident);
}

import type { RevealedIdentity } from '@lastmeter/shared';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadPatientFor } from './load-scope.ts';
import { presentRevealedIdentity } from './present-patient.ts';

/**
 * The full name, ID number and phone, for the roles that must call or identify the patient (the
 * compound's gatekeeper, the district's dispatcher, admin). Always an explicit, audited act.
 */
export async function revealPatientIdentity(
  use: Acting & { patientId: string; reason?: string | undefined },
): Promise<RevealedIdentity> {
  const { db, actor, patientId, reason } = use;
  const { patient } = await loadPatientFor(db, actor, patientId, 'reveal_identity', 'reveal_identity');
  await recordAudit(db, {
    actor,
    action: 'reveal_identity',
    entity: 'patient',
    entityId: patientId,
    outcome: 'allowed',
    detail: reason ? { reason } : {},
  });
  return presentRevealedIdentity(patient);
}

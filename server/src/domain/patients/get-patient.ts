import type { PatientView } from '@lastmeter/shared';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadPatientFor, needsOf } from './load-scope.ts';
import { presentPatient } from './present-patient.ts';

export async function getPatient(use: Acting & { patientId: string }): Promise<PatientView> {
  const { db, actor, patientId } = use;
  const { patient } = await loadPatientFor(db, actor, patientId, 'read', 'read');
  await recordAudit(db, {
    actor,
    action: 'read',
    entity: 'patient',
    entityId: patientId,
    outcome: 'allowed',
  });
  return presentPatient(actor, patient, (await needsOf(db, [patientId])).get(patientId) ?? []);
}

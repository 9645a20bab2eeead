import type { Db } from '@lastmeter/db';
import type { PatientView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../record-audit.ts';
import { loadPatientFor, needsOf } from './load-scope.ts';
import { presentPatient } from './present-patient.ts';

export async function getPatient({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}): Promise<PatientView> {
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

import { patients } from '@lastmeter/db';
import { type PatientView, rooms } from '@lastmeter/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadPatientFor, needsOf } from './load-scope.ts';
import { presentPatient } from './present-patient.ts';

/** Takes a patient out of planning (moved away, recovered, deceased); the record stays for the audit trail. */
export async function archivePatient(use: Acting & { patientId: string }): Promise<PatientView> {
  const { db, actor, patientId } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', 'archive');
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(patients)
      .set({ status: 'archived', updatedAt: new Date() })
      .where(and(eq(patients.id, patientId), inArray(patients.status, ['active', 'pending'])))
      .returning();
    if (!row) throw errors.invalidTransition(patient.status, 'archived', ['active', 'pending']);
    await recordAudit(tx, {
      actor,
      action: 'archive',
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
    });
    const event = await recordEvent(tx, {
      type: 'patient.archived',
      payload: { patientId, compoundId: row.compoundId, status: row.status },
      actorId: actor.accountId,
      recipients: [rooms.compound(row.compoundId), rooms.district(districtId)],
    });
    return { view: presentPatient(actor, row, (await needsOf(tx, [patientId])).get(patientId) ?? []), event };
  });
  return view;
}

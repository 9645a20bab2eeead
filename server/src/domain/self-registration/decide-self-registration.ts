import { patients } from '@lastmeter/db';
import { type PatientView, rooms } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { loadPatientFor, needsOf } from '../patients/load-scope.ts';
import { presentPatient } from '../patients/present-patient.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';

/**
 * The gatekeeper confirms (`active`) or turns down (`rejected`, with a reason) a pending
 * self-registration. Only active patients reach planning.
 */
export async function decideSelfRegistration(
  use: Acting & {
    patientId: string;
    decision: { verdict: 'verify' } | { verdict: 'reject'; reason: string };
  },
): Promise<PatientView> {
  const { db, actor, patientId, decision } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'verify', decision.verdict);
  const status = decision.verdict === 'verify' ? ('active' as const) : ('rejected' as const);
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(patients)
      .set({
        status,
        rejectionReason: decision.verdict === 'reject' ? decision.reason : null,
        updatedAt: new Date(),
      })
      .where(and(eq(patients.id, patientId), eq(patients.status, 'pending')))
      .returning();
    if (!row) throw errors.invalidTransition(patient.status, status, ['pending']);
    await recordAudit(tx, {
      actor,
      action: decision.verdict,
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail: decision.verdict === 'reject' ? { reason: decision.reason } : {},
    });
    const event = await recordEvent(tx, {
      type: status === 'active' ? 'patient.verified' : 'patient.rejected',
      payload: { patientId, compoundId: row.compoundId, status },
      actorId: actor.accountId,
      recipients: [rooms.compound(row.compoundId), rooms.district(districtId)],
    });
    return { view: presentPatient(actor, row, (await needsOf(tx, [patientId])).get(patientId) ?? []), event };
  });
  return view;
}

import { PG, patients, pgErrorOf } from '@lastmeter/db';
import {
  cityDateOf,
  type FieldIssue,
  type PatientView,
  rooms,
  type UpdatePatientBody,
} from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { codedIssue, errors } from '../../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { consentRecord } from './consent.ts';
import { findLiveDuplicates } from './find-live-duplicates.ts';
import { loadPatientFor, needsOf, resolveGate } from './load-scope.ts';
import { checkIdentityDates, toFieldIssues } from './need-rules.ts';
import { presentPatient } from './present-patient.ts';

/** Corrects a patient's identity, address, mobility, infection class or consent. */
export async function updatePatient(
  use: UseCase & { patientId: string; input: UpdatePatientBody },
): Promise<PatientView> {
  const { db, actor, patientId, input, now, timeZone } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', 'update');
  const issues: FieldIssue[] = [];
  if (input.nationalId)
    issues.push(
      ...toFieldIssues(checkIdentityDates(input.nationalId, cityDateOf(now, timeZone)), 'body', actor.locale),
    );
  let gateId: string | null | undefined;
  if (input.gateId !== undefined) {
    const resolved = await resolveGate(db, patient.compoundId, input.gateId);
    if (resolved === 'invalid') issues.push(codedIssue('body.gateId', 'not_a_gate_of_compound'));
    else gateId = resolved;
  }
  if (issues.length) throw errors.validation(issues);
  if (
    input.nationalId &&
    input.nationalId !== patient.nationalId &&
    (patient.status === 'active' || patient.status === 'pending')
  ) {
    const duplicate = (await findLiveDuplicates(db, actor, [input.nationalId])).get(input.nationalId);
    if (duplicate) throw errors.duplicatePatient(duplicate.visible ? duplicate.id : undefined);
  }

  const { consent, gateId: _gate, ...fields } = input;
  try {
    const { view } = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(patients)
        .set({
          ...fields,
          ...(gateId !== undefined ? { gateId } : {}),
          ...(consent ? { consent: consentRecord(consent, actor.accountId) } : {}),
          updatedAt: new Date(),
        })
        .where(eq(patients.id, patientId))
        .returning();
      if (!row) throw errors.notFound('Patient');
      await recordAudit(tx, {
        actor,
        action: 'update',
        entity: 'patient',
        entityId: patientId,
        outcome: 'allowed',
        detail: { fields: Object.keys(input) },
      });
      // Field names only: the values (identity among them) stay behind the presenters.
      const event = await recordEvent(tx, {
        type: 'patient.updated',
        payload: { patientId, compoundId: row.compoundId, fields: Object.keys(input).sort() },
        actorId: actor.accountId,
        recipients: [rooms.compound(row.compoundId), rooms.district(districtId)],
      });
      return {
        view: presentPatient(actor, row, (await needsOf(tx, [patientId])).get(patientId) ?? []),
        event,
      };
    });
    return view;
  } catch (error) {
    if (pgErrorOf(error)?.code === PG.uniqueViolation) throw errors.duplicatePatient();
    throw error;
  }
}

import { PG, pgErrorOf } from '@lastmeter/db';
import {
  cityDateOf,
  type FieldIssue,
  type PatientView,
  type RegisterPatientBody,
  rooms,
} from '@lastmeter/shared';
import { codedIssue, errors } from '../../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { consentRecord } from './consent.ts';
import { findLiveDuplicates } from './find-live-duplicates.ts';
import { insertPatients } from './insert-patients.ts';
import { loadCompoundForPatients, resolveGate } from './load-scope.ts';
import { careNeedIssues, checkIdentityDates, NEED_RULE_MESSAGES, toFieldIssues } from './need-rules.ts';
import { presentPatient } from './present-patient.ts';

/** A gatekeeper registers a resident with special needs; without consent no care need is stored. */
export async function registerPatient(
  use: UseCase & { compoundId: string; input: RegisterPatientBody },
): Promise<PatientView> {
  const { db, actor, compoundId, input, now, timeZone } = use;
  const compound = await loadCompoundForPatients(db, actor, compoundId, 'write');

  const today = cityDateOf(now, timeZone);
  const issues: FieldIssue[] = toFieldIssues(
    checkIdentityDates(input.nationalId, today),
    'body',
    actor.locale,
  );
  if (input.needs.length > 0 && !input.consent) {
    issues.push({
      path: 'body.consent',
      message: NEED_RULE_MESSAGES.consent_required[actor.locale],
      code: 'consent_required',
    });
  }
  input.needs.forEach((need, i) => {
    issues.push(...careNeedIssues(need, input.nationalId, today, `body.needs.${i}`, actor.locale));
  });
  const gateId = await resolveGate(db, compoundId, input.gateId);
  if (gateId === 'invalid') issues.push(codedIssue('body.gateId', 'not_a_gate_of_compound'));
  if (issues.length) throw errors.validation(issues);

  const duplicate = (await findLiveDuplicates(db, actor, [input.nationalId])).get(input.nationalId);
  if (duplicate) throw errors.duplicatePatient(duplicate.visible ? duplicate.id : undefined);

  try {
    const { view } = await db.transaction(async (tx) => {
      const {
        patients: [row],
        needs,
      } = await insertPatients(
        tx,
        { compoundId, status: 'active', source: 'gatekeeper', createdBy: actor.accountId },
        [{ ...input, gateId, consent: input.consent ? consentRecord(input.consent, actor.accountId) : null }],
      );
      if (!row) throw errors.internal();
      await recordAudit(tx, {
        actor,
        action: 'register',
        entity: 'patient',
        entityId: row.id,
        outcome: 'allowed',
        detail: { compoundId, needs: needs.map((n) => n.kind) },
      });
      const event = await recordEvent(tx, {
        type: 'patient.registered',
        payload: { patientId: row.id, compoundId, status: row.status },
        actorId: actor.accountId,
        recipients: [rooms.compound(compoundId), rooms.district(compound.districtId)],
      });
      return { view: presentPatient(actor, row, needs), event };
    });
    return view;
  } catch (error) {
    // Two registrations of the same person racing: the partial unique index decides.
    if (pgErrorOf(error)?.code === PG.uniqueViolation) throw errors.duplicatePatient();
    throw error;
  }
}

import { careNeeds, type Db, PG, patients, pgErrorOf } from '@lastmeter/db';
import {
  cityDateOf,
  type FieldIssue,
  type PatientView,
  type RegisterPatientBody,
  rooms,
} from '@lastmeter/shared';
import { codedIssue, errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { recordEvent } from '../events/record-event.ts';
import { consentRecord } from './consent.ts';
import { findLiveDuplicates } from './find-live-duplicates.ts';
import { loadCompoundFor, resolveGate } from './load-scope.ts';
import {
  checkIdentityDates,
  checkNeedDates,
  NEED_RULE_MESSAGES,
  needWayIssues,
  toFieldIssues,
} from './need-rules.ts';
import { presentPatient } from './present-patient.ts';

/** A gatekeeper registers a resident with special needs; without consent no care need is stored. */
export async function registerPatient({
  db,
  actor,
  compoundId,
  input,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  input: RegisterPatientBody;
  now: Date;
  timeZone: string;
}): Promise<PatientView> {
  const compound = await loadCompoundFor(db, actor, compoundId, 'write');

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
    issues.push(
      ...toFieldIssues(checkNeedDates(need, input.nationalId, today), `body.needs.${i}`, actor.locale),
      ...needWayIssues(need, today, `body.needs.${i}`, actor.locale),
    );
  });
  const gateId = await resolveGate(db, compoundId, input.gateId);
  if (gateId === 'invalid') issues.push(codedIssue('body.gateId', 'not_a_gate_of_compound'));
  if (issues.length) throw errors.validation(issues);

  const duplicate = (await findLiveDuplicates(db, actor, [input.nationalId])).get(input.nationalId);
  if (duplicate) throw errors.duplicatePatient(duplicate.visible ? duplicate.id : undefined);

  try {
    const { view } = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(patients)
        .values({
          compoundId,
          gateId,
          name: input.name,
          nationalId: input.nationalId,
          phone: input.phone,
          building: input.building,
          unit: input.unit,
          room: input.room,
          mobility: input.mobility,
          companions: input.companions,
          infectionClass: input.infectionClass,
          regularHospitalId: input.regularHospitalId ?? null,
          consent: input.consent ? consentRecord(input.consent, actor.accountId) : null,
          status: 'active',
          source: 'gatekeeper',
          notes: input.notes,
          createdBy: actor.accountId,
        })
        .returning();
      if (!row) throw errors.internal();
      const needs = input.needs.length
        ? await tx
            .insert(careNeeds)
            .values(
              input.needs.map((n) => ({
                patientId: row.id,
                kind: n.kind,
                schedule: n.schedule,
                hospitalId: n.hospitalId ?? null,
                serveBy: n.serveBy ?? null,
                notes: n.notes,
              })),
            )
            .returning()
        : [];
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

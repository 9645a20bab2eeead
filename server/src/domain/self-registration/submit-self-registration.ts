import { type Db, gates, PG, pgErrorOf } from '@lastmeter/db';
import { cityDateOf, type Locale, rooms, type SelfRegistrationBody } from '@lastmeter/shared';
import { asc, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { consentRecord } from '../patients/consent.ts';
import { findLiveDuplicates } from '../patients/find-live-duplicates.ts';
import { insertPatients } from '../patients/insert-patients.ts';
import { careNeedIssues, checkIdentityDates, toFieldIssues } from '../patients/need-rules.ts';
import type { PublicLimits } from '../public/public-limits.ts';
import { recordAudit } from '../record-audit.ts';
import { compoundByToken } from './load-by-token.ts';
import { SELF_REGISTRATION_TEXT } from './self-registration-text.ts';

/**
 * A resident or family registers through the compound's public link. The submission waits as
 * `pending` and reaches planning only once the compound's gatekeeper verifies it.
 */
export async function submitSelfRegistration({
  db,
  limits,
  token,
  input,
  ip,
  locale,
  now,
  timeZone,
}: {
  db: Db;
  limits: PublicLimits;
  token: string;
  input: SelfRegistrationBody;
  ip: string;
  locale: Locale;
  now: Date;
  timeZone: string;
}): Promise<{ status: 'pending'; message: string }> {
  // Counted before anything is looked up: probing ID numbers or tokens costs attempts too.
  limits.selfRegistrationPerIp.hit(ip);
  const compound = await compoundByToken(db, token);
  limits.selfRegistrationPerToken.hit(compound.id);
  const today = cityDateOf(now, timeZone);
  const issues = [
    ...toFieldIssues(checkIdentityDates(input.nationalId, today), 'body', locale),
    ...careNeedIssues(input.need, input.nationalId, today, 'body.need', locale),
  ];
  if (issues.length) throw errors.validation(issues);
  // The public never learns which record holds the number: no id, whatever the scope.
  if ((await findLiveDuplicates(db, null, [input.nationalId])).size > 0) throw errors.duplicatePatient();
  const [gate] = await db
    .select({ id: gates.id })
    .from(gates)
    .where(eq(gates.compoundId, compound.id))
    .orderBy(asc(gates.name))
    .limit(1);

  try {
    await db.transaction(async (tx) => {
      const {
        patients: [row],
      } = await insertPatients(
        tx,
        { compoundId: compound.id, status: 'pending', source: 'self', createdBy: null },
        [
          {
            ...input,
            gateId: gate?.id ?? null,
            consent: consentRecord(input.consent, null, 'self_registration'),
            needs: [input.need],
          },
        ],
      );
      if (!row) throw errors.internal();
      await recordAudit(tx, {
        actor: null,
        action: 'self_register',
        entity: 'patient',
        entityId: row.id,
        outcome: 'allowed',
        detail: { compoundId: compound.id },
        ip,
      });
      return recordEvent(tx, {
        type: 'patient.pending',
        payload: { patientId: row.id, compoundId: compound.id },
        actorId: null,
        recipients: [rooms.compound(compound.id)],
      });
    });
    return { status: 'pending', message: SELF_REGISTRATION_TEXT.received[locale] };
  } catch (error) {
    if (pgErrorOf(error)?.code === PG.uniqueViolation) throw errors.duplicatePatient();
    throw error;
  }
}

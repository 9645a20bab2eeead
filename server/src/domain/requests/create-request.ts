import { careNeeds, requests } from '@lastmeter/db';
import { type CreateRequestBody, careWaysFor, cityDateOf, type RequestView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import { recordEvent } from '../events/record-event.ts';
import { loadPatientFor } from '../patients/load-scope.ts';
import { NEED_RULE_MESSAGES } from '../patients/need-rules.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { careWaysInputOf, refuseWayFor } from './care-ways-of-request.ts';
import { presentRequest } from './present-request.ts';
import { requestEvent } from './request-event.ts';
import { returnModeFor } from './schedule-rules.ts';

const EMERGENCY_WINDOW_MINUTES = 60;

/** A one-off or emergency request raised by the compound's gatekeeper or the district's dispatcher. */
export async function createRequest(
  use: UseCase & { patientId: string; input: CreateRequestBody },
): Promise<RequestView> {
  const { db, actor, patientId, input, now, timeZone } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'read', 'create_request');
  await authorize(
    db,
    actor,
    'write',
    { kind: 'request', districtId, compoundId: patient.compoundId },
    { entity: 'patient', entityId: patientId },
  );
  if (patient.status !== 'active') throw errors.invalidTransition(patient.status, 'request', ['active']);
  if (!patient.consent) {
    throw errors.validation([
      {
        path: 'consent',
        message: NEED_RULE_MESSAGES.consent_required[actor.locale],
        code: 'consent_required',
      },
    ]);
  }
  const emergency = input.urgency === 'emergency';
  if (!emergency && (!input.windowStart || !input.windowEnd)) {
    throw errors.validation(
      [input.windowStart ? null : 'body.windowStart', input.windowEnd ? null : 'body.windowEnd']
        .filter((p): p is string => p !== null)
        .map((path) => ({ path, message: 'is required for a scheduled request' })),
    );
  }
  const windowStart = input.windowStart ? new Date(input.windowStart) : now;
  const windowEnd = input.windowEnd
    ? new Date(input.windowEnd)
    : new Date(windowStart.getTime() + EMERGENCY_WINDOW_MINUTES * 60_000);
  if (windowEnd < windowStart) throw errors.field('body.windowEnd', 'must not be before windowStart');
  const returnMode = input.returnMode ?? (emergency ? 'will_call' : returnModeFor(input.service));
  let need: Pick<typeof careNeeds.$inferSelect, 'kind' | 'schedule' | 'serveBy'> | null = null;
  if (input.needId) {
    const [row] = await db
      .select({ kind: careNeeds.kind, schedule: careNeeds.schedule, serveBy: careNeeds.serveBy })
      .from(careNeeds)
      .where(and(eq(careNeeds.id, input.needId), eq(careNeeds.patientId, patientId)));
    if (!row) throw errors.field('body.needId', 'is not a need of this patient');
    need = row;
  }
  const date = cityDateOf(windowStart, timeZone);
  const ways = careWaysFor(careWaysInputOf({ service: input.service, urgency: input.urgency, date }, need));
  // Chosen here, else the need's own way while the rule still allows it, else the kind's default; a
  // one-off request for no need is a trip unless the caller says otherwise.
  const serveBy =
    input.serveBy ??
    (need ? (need.serveBy && ways.allowed.includes(need.serveBy) ? need.serveBy : ways.preferred) : 'trip');
  const refusal = refuseWayFor(serveBy, { service: input.service, urgency: input.urgency, date }, need);
  if (refusal) throw errors.fieldCode('body.serveBy', refusal);
  if (serveBy === 'trip' && returnMode === 'fixed' && !input.treatmentMinutes)
    throw errors.field('body.treatmentMinutes', 'is required for a fixed return');

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(requests)
      .values({
        patientId,
        // A one-off request never takes the (need, date) slot that schedule generation owns.
        needId: null,
        service: input.service,
        date,
        urgency: input.urgency,
        windowStart,
        windowEnd,
        returnMode,
        treatmentMinutes: returnMode === 'fixed' ? (input.treatmentMinutes ?? null) : null,
        serveBy,
        hospitalId: input.hospitalId ?? patient.regularHospitalId,
        matchReason: input.hospitalId
          ? { code: 'chosen_by_caller' }
          : patient.regularHospitalId
            ? { code: 'regular_hospital' }
            : null,
        source: emergency ? 'emergency' : 'one_off',
        createdBy: actor.accountId,
      })
      .returning();
    if (!row) throw errors.internal();
    await recordAudit(tx, {
      actor,
      action: 'create_request',
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail: {
        requestId: row.id,
        urgency: row.urgency,
        service: row.service,
        serveBy,
        needId: input.needId ?? null,
      },
    });
    await recordEvent(
      tx,
      requestEvent(
        emergency ? 'request.emergency' : 'request.created',
        {
          requestId: row.id,
          patientId,
          compoundId: patient.compoundId,
          date: row.date,
          urgency: row.urgency,
          service: row.service,
        },
        { districtId, actorId: actor.accountId },
      ),
    );
    return presentRequest(actor, row, patient, need);
  });
}

import { requests } from '@lastmeter/db';
import { cityDateOf, type OnlineVisitView, type RecordVisitOutcomeBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { createDeliveryFromPrescription } from '../deliveries/create-delivery-from-prescription.ts';
import type { NewDomainEvent } from '../events/record-event.ts';
import { requestEvent } from '../requests/request-event.ts';
import { ARRIVAL_WINDOW_MINUTES, returnModeFor } from '../requests/schedule-rules.ts';
import type { UseCase } from '../use-case.ts';
import { changeVisit, loadVisitToStep, recordVisitStep, type VisitStepRule } from './step-online-visit.ts';

const MINUTE = 60_000;

/**
 * The hospital desk ends a started online visit with its outcome: `done` (the request is served),
 * `no_answer` (unserved, with that reason), `needs_on_site` — the patient must come, so a trip request
 * to this hospital is raised for the appointment the desk gives, which dispatch plans like any other —
 * or `prescription_issued`: the medicines go to the compound gate as a delivery from this hospital's
 * pharmacy, written in the same transaction.
 */
export async function recordVisitOutcome(
  use: UseCase & { visitId: string; input: RecordVisitOutcomeBody },
): Promise<OnlineVisitView> {
  const { db, actor, input, now, timeZone } = use;
  const rule: VisitStepRule = {
    action: 'record_visit_outcome',
    access: 'manage',
    from: 'in_progress',
    to: input.outcome,
  };
  const loaded = await loadVisitToStep(use, rule);
  const { visit, request, districtId, patient } = loaded;
  const appointment = input.outcome === 'needs_on_site' ? new Date(input.appointmentAt) : null;
  if (appointment && appointment.getTime() <= now.getTime())
    throw errors.fieldCode('body.appointmentAt', 'appointment_passed', { at: appointment.toISOString() });

  return db.transaction(async (tx) => {
    const events: NewDomainEvent[] = [];
    let followUpRequestId: string | null = null;
    if (input.outcome === 'needs_on_site' && appointment) {
      const [followUp] = await tx
        .insert(requests)
        .values({
          patientId: visit.patientId,
          needId: null,
          service: visit.service,
          date: cityDateOf(appointment, timeZone),
          urgency: 'scheduled',
          windowStart: new Date(appointment.getTime() - ARRIVAL_WINDOW_MINUTES * MINUTE),
          windowEnd: appointment,
          returnMode: returnModeFor(visit.service),
          treatmentMinutes: returnModeFor(visit.service) === 'fixed' ? input.treatmentMinutes : null,
          hospitalId: visit.hospitalId,
          // The doctor who saw the patient online wants them at this hospital.
          matchReason: { code: 'chosen_by_caller' },
          serveBy: 'trip',
          source: 'online_visit',
          createdBy: actor.accountId,
        })
        .returning();
      if (!followUp) throw errors.internal();
      followUpRequestId = followUp.id;
      events.push(
        requestEvent(
          'request.created',
          {
            requestId: followUp.id,
            patientId: visit.patientId,
            compoundId: patient.compoundId,
            date: followUp.date,
            urgency: followUp.urgency,
            service: followUp.service,
          },
          { districtId, actorId: actor.accountId },
        ),
      );
    }
    let deliveryId: string | null = null;
    if (input.outcome === 'prescription_issued') {
      const issued = await createDeliveryFromPrescription({
        db: tx,
        actor,
        patientId: visit.patientId,
        input: {
          hospitalId: visit.hospitalId,
          items: input.items,
          date: input.date,
          dropoffHours: input.dropoffHours,
          onlineVisitId: visit.id,
          requestId: request.id,
          note: '',
        },
        now,
        timeZone,
      });
      deliveryId = issued.delivery.delivery.id;
      events.push(...issued.events);
    }
    const row = await changeVisit(tx, loaded, rule, {
      status: input.outcome,
      note: input.note,
      endedAt: now,
      endedBy: actor.accountId,
      followUpRequestId,
      updatedAt: now,
    });
    await tx
      .update(requests)
      .set(
        input.outcome === 'no_answer'
          ? { status: 'unserved', matchReason: { code: 'no_answer' } }
          : { status: 'done' },
      )
      .where(eq(requests.id, request.id));
    return recordVisitStep(tx, use, rule, {
      next: { ...loaded, visit: row },
      event: 'online_visit.ended',
      detail: { outcome: input.outcome, followUpRequestId, deliveryId },
      events,
    });
  });
}

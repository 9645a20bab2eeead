import { randomInt } from 'node:crypto';
import {
  compounds,
  type Db,
  deliveries,
  gates,
  hospitals,
  patients,
  prescriptions,
  requests,
} from '@lastmeter/db';
import {
  addDays,
  cityClockOf,
  cityDateOf,
  cityInstant,
  PARCEL_ALPHABET,
  type ParsedPrescriptionInput,
} from '@lastmeter/shared';
import { and, asc, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import type { NewDomainEvent } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import { type DeliveryContext, loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { UseCase } from '../use-case.ts';
import { deliveryEvent } from './delivery-events.ts';

/** After this hour a new prescription goes out with tomorrow's round: pharmacies fill the day's by then. */
const LAST_SAME_DAY = '15:00';
const DEFAULT_DROPOFF = { from: '10:00', to: '18:00' } as const;
/** The pharmacy counter opens; a parcel can be collected from then until the gate's window closes. */
const PHARMACY_OPENS = '08:00';

/**
 * A prescription becomes a delivery (issue 12): the medicines go from the hospital's pharmacy to the
 * patient's compound gate on the chosen day and hours, under a fresh parcel number, waiting for the
 * planner to put it on a volunteer or requisitioned vehicle. Called by the online visit's outcome
 * ("prescription issued", with `onlineVisitId`) and by the gatekeeper copying a paper list.
 *
 * Runs in the CALLER's transaction and returns its events instead of recording them: the caller puts
 * them into its one `recordEvents` call (server/src/domain/events/record-event.ts).
 */
export async function createDeliveryFromPrescription(
  use: UseCase & { patientId: string; input: ParsedPrescriptionInput },
): Promise<{ delivery: DeliveryContext; events: NewDomainEvent[] }> {
  const { db, actor, patientId, input, now, timeZone } = use;
  const [patient] = await db
    .select({
      id: patients.id,
      status: patients.status,
      gateId: patients.gateId,
      compoundId: patients.compoundId,
      regularHospitalId: patients.regularHospitalId,
      districtId: compounds.districtId,
    })
    .from(patients)
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(eq(patients.id, patientId));
  if (!patient) throw errors.notFound('Patient');
  const resource = {
    kind: 'delivery' as const,
    districtId: patient.districtId,
    compoundId: patient.compoundId,
    hospitalId: input.hospitalId,
    vehicleId: null,
  };
  // A hospital desk prescribes for its own pharmacy only, and only for a patient it treats: one seen at
  // its online visit (the visit's outcome passes `onlineVisitId`) or whose regular hospital it is.
  // A patient it does not treat is not there for it (404) before any field is judged.
  if (actor.role === 'hospital') {
    if (!input.onlineVisitId && patient.regularHospitalId !== actor.hospitalId) {
      await recordAudit(db, {
        actor,
        action: 'prescription.create',
        entity: 'patient',
        entityId: patientId,
        outcome: 'denied',
      });
      throw errors.notFound('Patient');
    }
    if (actor.hospitalId !== input.hospitalId) throw errors.fieldCode('body.hospitalId', 'not_your_hospital');
  }
  await authorize(db, actor, 'write', resource, {
    entity: 'patient',
    entityId: patientId,
    detail: { action: 'prescription.create' },
  }).catch(() => {
    throw errors.notFound('Patient');
  });
  if (patient.status !== 'active') throw errors.fieldCode('params.patientId', 'patient_not_active');
  const [hospital] = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(eq(hospitals.id, input.hospitalId));
  if (!hospital) throw errors.fieldCode('body.hospitalId', 'scope_unknown');
  if (input.requestId) {
    const [request] = await db
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.id, input.requestId), eq(requests.patientId, patientId)));
    if (!request) throw errors.fieldCode('body.requestId', 'scope_unknown');
  }
  const [gate] = await db
    .select({ id: gates.id })
    .from(gates)
    .where(patient.gateId ? eq(gates.id, patient.gateId) : eq(gates.compoundId, patient.compoundId))
    .orderBy(asc(gates.name))
    .limit(1);
  if (!gate) throw errors.conflict('The patient’s compound has no gate to hand the parcel over at');

  const today = cityDateOf(now, timeZone);
  const date = input.date ?? (cityClockOf(now, timeZone) < LAST_SAME_DAY ? today : addDays(today, 1));
  if (date < today) throw errors.fieldCode('body.date', 'date_in_past');
  const hours = input.dropoffHours ?? DEFAULT_DROPOFF;
  const dropoffStart = cityInstant(date, hours.from, timeZone);
  const dropoffEnd = cityInstant(date, hours.to, timeZone);
  if (dropoffEnd.getTime() <= now.getTime())
    throw errors.fieldCode(
      input.dropoffHours ? 'body.dropoffHours.to' : 'body.date',
      'delivery_window_passed',
    );

  const [prescription] = await db
    .insert(prescriptions)
    .values({
      patientId,
      hospitalId: input.hospitalId,
      source: input.onlineVisitId ? 'online_visit' : 'paper',
      onlineVisitId: input.onlineVisitId ?? null,
      items: input.items,
      note: input.note,
      issuedBy: actor.accountId,
      issuedAt: now,
    })
    .onConflictDoNothing({ target: prescriptions.onlineVisitId })
    .returning();
  if (!prescription)
    throw errors.conflict('This online visit already issued its prescription', {
      onlineVisitId: input.onlineVisitId,
    });
  const deliveryId = await insertDelivery(db, {
    prescriptionId: prescription.id,
    patientId,
    requestId: input.requestId ?? null,
    compoundId: patient.compoundId,
    gateId: gate.id,
    hospitalId: input.hospitalId,
    date,
    pickupWindowStart: cityInstant(date, PHARMACY_OPENS, timeZone),
    pickupWindowEnd: dropoffEnd,
    dropoffWindowStart: dropoffStart,
    dropoffWindowEnd: dropoffEnd,
    createdBy: actor.accountId,
  });
  const [delivery] = await loadDeliveryContexts(db, eq(deliveries.id, deliveryId));
  if (!delivery) throw errors.internal();
  await recordAudit(db, {
    actor,
    action: 'prescription.create',
    entity: 'patient',
    entityId: patientId,
    outcome: 'allowed',
    detail: {
      prescriptionId: prescription.id,
      deliveryId,
      parcelNo: delivery.delivery.parcelNo,
      source: prescription.source,
      items: input.items.length,
    },
  });
  return { delivery, events: [deliveryEvent(delivery, actor.accountId, { reason: 'created' })] };
}

/** A fresh parcel number: `P-` and six characters no one misreads; a clash (1 in ~10⁹) draws again. */
async function insertDelivery(
  db: Db,
  values: Omit<typeof deliveries.$inferInsert, 'parcelNo'>,
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const parcelNo = `P-${Array.from({ length: 6 }, () => PARCEL_ALPHABET[randomInt(PARCEL_ALPHABET.length)]).join('')}`;
    const [row] = await db
      .insert(deliveries)
      .values({ ...values, parcelNo })
      .onConflictDoNothing({ target: deliveries.parcelNo })
      .returning({ id: deliveries.id });
    if (row) return row.id;
  }
  throw errors.conflict('Could not draw a free parcel number; try again', { retry: true });
}

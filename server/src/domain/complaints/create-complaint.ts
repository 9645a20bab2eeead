import { complaints, compounds, hospitals, patients, trips } from '@lastmeter/db';
import type { ComplaintView, CreateComplaintBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { presentComplaint } from './present-complaint.ts';

/**
 * Dispatch writes down a complaint about a hospital (a family's call, a delayed treatment …) for
 * one of its districts; refusals at the gate arrive on their own (`projectComplaints`).
 */
export async function createComplaint(
  use: UseCase & { districtId: string; input: CreateComplaintBody },
): Promise<ComplaintView> {
  const { db, actor, districtId, input, now, timeZone } = use;
  await authorize(db, actor, 'write', { kind: 'dispatch', districtId });
  const [hospital] = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(eq(hospitals.id, input.hospitalId));
  if (!hospital) throw errors.field('body.hospitalId', 'is not a hospital');
  let patientId: string | null = null;
  if (input.tripId) {
    const [trip] = await db
      .select({ patientId: trips.patientId, districtId: compounds.districtId })
      .from(trips)
      .innerJoin(patients, eq(patients.id, trips.patientId))
      .innerJoin(compounds, eq(compounds.id, patients.compoundId))
      .where(eq(trips.id, input.tripId));
    if (!trip || trip.districtId !== districtId)
      throw errors.field('body.tripId', 'is not a trip of this district');
    patientId = trip.patientId;
  }
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(complaints)
      .values({
        hospitalId: hospital.id,
        districtId,
        kind: input.kind,
        source: input.source,
        tripId: input.tripId ?? null,
        description: input.description,
        reportedBy: actor.accountId,
        // Unless the caller says when it happened: now, on the server's clock (server/src/clock.ts).
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
      })
      .returning();
    if (!row) throw errors.internal();
    await recordAudit(tx, {
      actor,
      action: 'complaint.created',
      entity: patientId ? 'patient' : 'hospital',
      entityId: patientId ?? hospital.id,
      outcome: 'allowed',
      detail: { complaintId: row.id, hospitalId: hospital.id, kind: input.kind },
    });
    return row;
  });
  return presentComplaint({ ...row, hospitalName: hospital.name }, timeZone);
}

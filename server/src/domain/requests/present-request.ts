import type { requests } from '@lastmeter/db';
import type { RequestView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { maskName } from '../patients/mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';

type RequestRow = typeof requests.$inferSelect;

export function presentRequest(
  actor: Actor,
  row: RequestRow,
  patient: { name: string; compoundId: string },
): RequestView {
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: seesFullName(actor, patient.compoundId) ? patient.name : maskName(patient.name),
    compoundId: patient.compoundId,
    needId: row.needId,
    service: row.service,
    date: row.date,
    urgency: row.urgency,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    returnMode: row.returnMode,
    treatmentMinutes: row.treatmentMinutes,
    hospitalId: row.hospitalId,
    status: row.status,
    source: row.source,
  };
}

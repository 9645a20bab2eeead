import type { careNeeds, requests } from '@lastmeter/db';
import type { RequestView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { maskName } from '../mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';
import { allowedWaysOf } from './care-ways-of-request.ts';

type RequestRow = typeof requests.$inferSelect;
type NeedRow = Pick<typeof careNeeds.$inferSelect, 'kind' | 'schedule'>;

export function presentRequest(
  actor: Actor,
  row: RequestRow,
  patient: { name: string; compoundId: string },
  need: NeedRow | null = null,
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
    serveBy: row.serveBy,
    allowedWays: [...allowedWaysOf(row, need)],
    matchReason: row.matchReason ?? null,
    source: row.source,
  };
}

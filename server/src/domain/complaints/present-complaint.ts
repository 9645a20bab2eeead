import type { complaints } from '@lastmeter/db';
import { type ComplaintView, cityDateOf } from '@lastmeter/shared';

export type ComplaintRow = typeof complaints.$inferSelect & { hospitalName: string };

/** Complaints carry no patient identity: the trip id is the only link to a person. */
export function presentComplaint(row: ComplaintRow, timeZone: string): ComplaintView {
  return {
    id: row.id,
    hospitalId: row.hospitalId,
    hospitalName: row.hospitalName,
    districtId: row.districtId,
    kind: row.kind,
    source: row.source,
    incidentId: row.incidentId,
    tripId: row.tripId,
    reason: row.reason,
    forbiddenGround: row.forbiddenGround,
    description: row.description,
    occurredAt: row.occurredAt.toISOString(),
    day: cityDateOf(row.occurredAt, timeZone),
    status: row.status,
    outcome: row.outcome,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

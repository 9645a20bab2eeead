import type { incidents } from '@lastmeter/db';
import type { EventPayload, IncidentView } from '@lastmeter/shared';

export function presentIncident(row: typeof incidents.$inferSelect): IncidentView {
  return {
    id: row.id,
    kind: row.kind,
    districtId: row.districtId,
    legId: row.legId,
    vehicleId: row.vehicleId,
    hospitalId: row.hospitalId,
    description: row.description,
    detail: row.detail,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    resolution: row.resolution,
  };
}

/** The event payload of an incident: what dispatch needs on its list, no patient identity. */
export function incidentPayload(row: typeof incidents.$inferSelect): EventPayload<'incident.opened'> {
  const { id, ...rest } = presentIncident(row);
  return { incidentId: id, ...rest };
}

import { complaints, type Db, incidents, legs } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { RecordedEvent } from '../events/record-event.ts';

/**
 * Every refusal at a hospital gate becomes a complaint against that hospital, and its incident's
 * resolution becomes the complaint's outcome: the health commission's report (seed 002) then
 * needs nothing from the trip tables and survives however trips are later reworked.
 */
export async function projectComplaints(tx: Db, events: RecordedEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type !== 'incident.opened' && event.type !== 'incident.resolved') continue;
    const incidentId = event.payload.incidentId;
    if (typeof incidentId !== 'string' || event.payload.kind !== 'refused_at_gate') continue;
    if (event.type === 'incident.opened') await openFromIncident(tx, incidentId);
    else await closeFromIncident(tx, incidentId);
  }
}

async function openFromIncident(tx: Db, incidentId: string): Promise<void> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident?.hospitalId) return;
  const [leg] = incident.legId
    ? await tx.select({ tripId: legs.tripId }).from(legs).where(eq(legs.id, incident.legId))
    : [];
  const reason = typeof incident.detail.reason === 'string' ? incident.detail.reason : null;
  await tx
    .insert(complaints)
    .values({
      hospitalId: incident.hospitalId,
      districtId: incident.districtId,
      kind: 'refused_at_gate',
      source: 'driver',
      incidentId,
      tripId: leg?.tripId ?? null,
      reason,
      forbiddenGround: incident.detail.forbiddenGround === true,
      description: incident.description,
      reportedBy: incident.reportedBy,
      occurredAt: incident.openedAt,
    })
    .onConflictDoNothing({ target: complaints.incidentId });
}

async function closeFromIncident(tx: Db, incidentId: string): Promise<void> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident?.resolvedAt) return;
  const action = typeof incident.detail.action === 'string' ? ` (${incident.detail.action})` : '';
  await tx
    .update(complaints)
    .set({
      status: 'resolved',
      outcome: `${incident.resolution ?? ''}${action}`.trim(),
      resolvedAt: incident.resolvedAt,
      resolvedBy: incident.resolvedBy,
    })
    .where(eq(complaints.incidentId, incidentId));
}

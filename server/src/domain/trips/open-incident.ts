import { type Db, incidents } from '@lastmeter/db';
import { type IncidentKind, rooms } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { incidentPayload } from './present-incident.ts';

/**
 * Opens an incident dispatch must resolve, inside the transaction of what caused it, and tells the
 * district's dispatchers (and the hospital or vehicle it concerns).
 */
export async function openIncident(
  tx: Db,
  {
    events,
    kind,
    districtId,
    legId = null,
    vehicleId = null,
    hospitalId = null,
    reportedBy,
    description,
    detail = {},
    notify = [],
  }: {
    events: TripEvents;
    kind: IncidentKind;
    districtId: string;
    legId?: string | null;
    vehicleId?: string | null;
    hospitalId?: string | null;
    reportedBy: string | null;
    description: string;
    detail?: Record<string, unknown>;
    /** Rooms besides the district's that must hear of it. */
    notify?: string[];
  },
): Promise<typeof incidents.$inferSelect> {
  const [row] = await tx
    .insert(incidents)
    // Opened at the server's clock (the one the steps that cause it are judged by), not the database's.
    .values({
      kind,
      districtId,
      legId,
      vehicleId,
      hospitalId,
      reportedBy,
      description,
      detail,
      openedAt: events.now,
    })
    .returning();
  if (!row) throw errors.internal();
  await events.add('incident.opened', incidentPayload(row), [rooms.district(districtId), ...notify]);
  return row;
}

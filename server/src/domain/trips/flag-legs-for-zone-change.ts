import { compounds, type Db, legs } from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import { and, inArray } from 'drizzle-orm';
import { loadLegContexts } from '../schedule/load-leg.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { openIncident } from './open-incident.ts';

/** Legs not yet under way: a zone change may stop the patient leaving or the car entering. */
const OPEN = ['planned', 'assigned', 'accepted', 'en_route', 'at_pickup', 'declined'] as const;

/**
 * The registry's zone use cases call this inside their transaction when compounds change level:
 * each affected compound's open legs are flagged to dispatch as one `zone_change` incident, and
 * the drivers holding them hear that their job changed. The events go into the caller's `events`,
 * which records all of its transaction's events at once.
 */
export async function flagLegsForZoneChange({
  db,
  compoundIds,
  actorId = null,
  events,
}: {
  db: Db;
  compoundIds: string[];
  actorId?: string | null;
  events: TripEvents;
}): Promise<void> {
  if (!compoundIds.length) return;
  const contexts = await loadLegContexts(
    db,
    and(inArray(compounds.id, compoundIds), inArray(legs.status, [...OPEN])),
  );
  const byCompound = new Map<string, typeof contexts>();
  for (const c of contexts) byCompound.set(c.compound.id, [...(byCompound.get(c.compound.id) ?? []), c]);
  for (const [compoundId, list] of byCompound) {
    const [first] = list;
    if (!first) continue;
    for (const ctx of list)
      if (ctx.leg.vehicleId) await events.leg('job.updated', ctx, ['vehicle'], { flag: 'zone_change' });
    await openIncident(db, {
      events,
      kind: 'zone_change',
      districtId: first.compound.districtId,
      reportedBy: actorId,
      description: first.compound.name,
      detail: { compoundId, legIds: list.map((c) => c.leg.id) },
      notify: [rooms.compound(compoundId)],
    });
  }
}

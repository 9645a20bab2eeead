import { compounds, type Db, legs } from '@lastmeter/db';
import { BEFORE_BOARDING_LEG_STATUSES, rooms } from '@lastmeter/shared';
import { and, inArray } from 'drizzle-orm';
import { loadLegContexts } from '../schedule/load-leg.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { openIncident } from './open-incident.ts';

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
    and(inArray(compounds.id, compoundIds), inArray(legs.status, [...BEFORE_BOARDING_LEG_STATUSES])),
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

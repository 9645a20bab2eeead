import { type Db, queryRows } from '@lastmeter/db';
import { REALTIME_EVENT_TYPES, rooms, type VehicleStale } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { type RecordedEvent, recordEvent } from '../events/record-event.ts';
import { activeLegStatusList } from './active-leg.ts';

export const DEFAULT_STALE_AFTER_MS = 3 * 60_000;

/**
 * A system sweep (no actor): flags to dispatch every vehicle that serves an active leg and has not
 * reported for `staleAfterMs` — counted from its last position, or from the leg's last change if it
 * never reported. Each vehicle is flagged once until it is heard again (`vehicles.stale_since`); the
 * flag is set by a conditional update, so sweeps on several nodes never flag a vehicle twice.
 */
export async function flagStaleVehicles({
  db,
  now,
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
}: {
  db: Db;
  now: Date;
  staleAfterMs?: number;
}): Promise<RecordedEvent[]> {
  const cutoff = new Date(now.getTime() - staleAfterMs);
  return db.transaction(async (tx) => {
    const flagged = await queryRows<{ id: string; district_id: string; last_seen_at: Date | string | null }>(
      tx,
      sql`update vehicles v set stale_since = ${now.toISOString()}::timestamptz
          where v.stale_since is null
            and coalesce(v.last_seen_at, (
              select max(l.updated_at) from legs l
              where l.vehicle_id = v.id and l.status in (${activeLegStatusList})
            )) < ${cutoff.toISOString()}::timestamptz
            and exists (
              select 1 from legs l
              where l.vehicle_id = v.id and l.status in (${activeLegStatusList})
            )
          returning v.id, v.district_id, v.last_seen_at`,
    );
    const events: RecordedEvent[] = [];
    // Stable order: offsets of one district stream follow vehicle ids, whichever node swept.
    flagged.sort((a, b) => a.id.localeCompare(b.id));
    for (const vehicle of flagged) {
      const payload: VehicleStale = {
        vehicleId: vehicle.id,
        districtId: vehicle.district_id,
        stale: true,
        lastSeenAt: vehicle.last_seen_at === null ? null : new Date(vehicle.last_seen_at).toISOString(),
      };
      events.push(
        await recordEvent(tx, {
          type: REALTIME_EVENT_TYPES.vehicleStale,
          payload: { ...payload },
          actorId: null,
          recipients: [rooms.district(vehicle.district_id)],
        }),
      );
    }
    return events;
  });
}

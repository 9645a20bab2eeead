import { type Db, legs, notices, requests, trips } from '@lastmeter/db';
import { and, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import { enqueueNotices, loadNoticeTrips } from './enqueue-notices.ts';

const CHUNK = 2_000;

/**
 * Queues the evening-before notice (pickup time, gate, hospital) for every round trip of `date` whose
 * outbound pickup is planned and whose household has not had one yet. Idempotent: run it as often as
 * wanted (a trip booked later in the evening gets its notice on the next run).
 */
export async function queueEveningNotices({
  db,
  date,
  timeZone,
  now = new Date(),
}: {
  db: Db;
  date: string;
  timeZone: string;
  now?: Date;
}): Promise<number> {
  const due = await db
    .select({ tripId: trips.id })
    .from(trips)
    .innerJoin(requests, eq(requests.id, trips.requestId))
    .innerJoin(legs, and(eq(legs.tripId, trips.id), eq(legs.direction, 'outbound')))
    .where(
      and(
        eq(requests.date, date),
        inArray(legs.status, ['planned', 'assigned', 'accepted']),
        isNotNull(legs.plannedPickupAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(notices)
            .where(and(eq(notices.tripId, trips.id), eq(notices.kind, 'evening_before'))),
        ),
      ),
    );
  let queued = 0;
  for (let i = 0; i < due.length; i += CHUNK) {
    const ids = due.slice(i, i + CHUNK).map((d) => d.tripId);
    const facts = await loadNoticeTrips(db, ids);
    await db.transaction((tx) =>
      enqueueNotices(
        tx,
        [...facts.values()].map((trip) => ({ trip, kind: 'evening_before' as const, key: date })),
        timeZone,
        now,
      ),
    );
    queued += facts.size;
  }
  return queued;
}

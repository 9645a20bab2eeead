import { type Db, legs, onlineVisits, requests, trips } from '@lastmeter/db';
import type { Service, SlotChannel } from '@lastmeter/shared';
import { and, eq, inArray, ne, notInArray, type SQL } from 'drizzle-orm';

/** One place a hospital slot gives away: whose hospital, which service, and the instant it counts at. */
export interface HeldPlace {
  hospitalId: string;
  service: Service;
  at: number;
}

/**
 * The places held at hospitals on a date — what hospital matching subtracts from a slot's capacity and
 * what the desk reads as "booked": on site, a live round trip (its outbound neither cancelled nor a
 * no-show) holds a place at its appointment (the request window's end); online, a visit not cancelled
 * holds its start. A place belongs to the slot whose [start, end) holds that instant.
 */
export async function loadHeldPlaces(
  db: Db,
  {
    date,
    channel,
    service,
    hospitalIds,
  }: { date: string; channel: SlotChannel; service?: Service; hospitalIds?: readonly string[] },
): Promise<HeldPlace[]> {
  if (hospitalIds && hospitalIds.length === 0) return [];
  if (channel === 'online') {
    const filters: SQL[] = [eq(onlineVisits.date, date), ne(onlineVisits.status, 'cancelled')];
    if (service) filters.push(eq(onlineVisits.service, service));
    if (hospitalIds) filters.push(inArray(onlineVisits.hospitalId, [...hospitalIds]));
    const rows = await db
      .select({
        hospitalId: onlineVisits.hospitalId,
        service: onlineVisits.service,
        at: onlineVisits.startsAt,
      })
      .from(onlineVisits)
      .where(and(...filters));
    return rows.map((r) => ({ hospitalId: r.hospitalId, service: r.service, at: r.at.getTime() }));
  }
  const filters: SQL[] = [eq(requests.date, date), notInArray(legs.status, ['cancelled', 'no_show'])];
  if (service) filters.push(eq(requests.service, service));
  if (hospitalIds) filters.push(inArray(trips.hospitalId, [...hospitalIds]));
  const rows = await db
    .select({ hospitalId: trips.hospitalId, service: requests.service, at: requests.windowEnd })
    .from(trips)
    .innerJoin(requests, eq(requests.id, trips.requestId))
    .innerJoin(legs, and(eq(legs.tripId, trips.id), eq(legs.direction, 'outbound')))
    .where(and(...filters));
  return rows.map((r) => ({ hospitalId: r.hospitalId, service: r.service, at: r.at.getTime() }));
}

/** Whether a held place falls in a slot: the slot whose [start, end) holds its instant. */
export const heldIn = (place: { at: number }, slot: { start: number; end: number }): boolean =>
  slot.start <= place.at && place.at < slot.end;

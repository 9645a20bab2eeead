import { type Db, hospitals, onlineVisits } from '@lastmeter/db';
import { cityInstant, type Service } from '@lastmeter/shared';
import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { capacityOn } from '../hospitals/get-hospital-capacity.ts';
import { firstFreePlace } from './visit-times.ts';

/** One of a hospital's online slots on a date, as instants. */
export interface DaySlot {
  start: number;
  end: number;
  capacity: number;
  startTime: string;
}

/** A hospital's online slots of a service on a date (template plus overrides). */
export async function onlineSlotsOf(
  db: Db,
  hospitalId: string,
  date: string,
  service: Service,
  timeZone: string,
): Promise<DaySlot[]> {
  return (await capacityOn(db, hospitalId, date, timeZone, 'online')).slots
    .filter((s) => s.service === service)
    .map((s) => ({
      start: cityInstant(date, s.startTime, timeZone).getTime(),
      end: cityInstant(date, s.endTime, timeZone).getTime(),
      capacity: s.capacity,
      startTime: s.startTime,
    }));
}

/**
 * The first free place of a slot from `notBefore` on, inside the caller's transaction. It locks the
 * hospital row first, so bookings and moves at one hospital read the places taken and write theirs
 * one after another. `exceptVisitId`: a visit being moved does not hold its own old place.
 */
export async function takeFreePlace(
  tx: Db,
  {
    hospitalId,
    service,
    slot,
    notBefore,
    exceptVisitId,
  }: { hospitalId: string; service: Service; slot: DaySlot; notBefore: number[]; exceptVisitId?: string },
): Promise<{ startsAt: number; endsAt: number } | null> {
  await tx.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.id, hospitalId)).for('update');
  const taken = await tx
    .select({ at: onlineVisits.startsAt })
    .from(onlineVisits)
    .where(
      and(
        eq(onlineVisits.hospitalId, hospitalId),
        eq(onlineVisits.service, service),
        ne(onlineVisits.status, 'cancelled'),
        gte(onlineVisits.startsAt, new Date(slot.start)),
        lt(onlineVisits.startsAt, new Date(slot.end)),
        ...(exceptVisitId ? [ne(onlineVisits.id, exceptVisitId)] : []),
      ),
    );
  const held = new Set(taken.map((t) => t.at.getTime()));
  // Each bound in turn: the first that leaves a place wins (the appointment's, then any still ahead).
  for (const bound of notBefore) {
    const place = firstFreePlace(slot, held, bound);
    if (place) return place;
  }
  return null;
}

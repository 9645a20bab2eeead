import { type Db, hospitals, legs, requests, trips } from '@lastmeter/db';
import type { CareService, MatchHospital, MatchRequest } from '@lastmeter/shared/planner.ts';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { type HospitalMatch, matchHospitals, slotKey, type UnmatchedRequest } from '../../planner/index.ts';
import { shanghaiInstant } from '../requests/schedule-rules.ts';
import { capacityOn } from '../supply/get-hospital-capacity.ts';
import { travelModel } from './travel.ts';

/**
 * Hospital matching for one request with the planner (供需匹配): the hospitals' slots on the
 * request's date, minus the places trips already hold, feed `matchHospitals`.
 */
export async function matchHospitalFor(
  db: Db,
  request: MatchRequest & { date: string },
): Promise<{ match: HospitalMatch | undefined; unmatched: UnmatchedRequest | undefined }> {
  const rows = await db.select().from(hospitals);
  const candidates: MatchHospital[] = [];
  const slotRanges = new Map<string, { start: number; end: number }[]>();
  for (const h of rows) {
    const capacity = await capacityOn(db, h.id, request.date);
    const byService = new Map<CareService, { start: number; end: number; capacity: number }[]>();
    for (const slot of capacity.slots) {
      const service = slot.service;
      const list = byService.get(service) ?? [];
      list.push({
        start: shanghaiInstant(request.date, slot.startTime).getTime(),
        end: shanghaiInstant(request.date, slot.endTime).getTime(),
        capacity: slot.capacity,
      });
      byService.set(service, list);
    }
    slotRanges.set(
      h.id,
      (byService.get(request.service) ?? []).map(({ start, end }) => ({ start, end })),
    );
    candidates.push({
      id: h.id,
      name: h.name,
      entrance: [h.entranceLng, h.entranceLat],
      // An emergency department takes whoever comes: no slot limit.
      services: [...byService].map(([service, slots]) =>
        service === 'emergency' ? { service } : { service, slots },
      ),
      acceptsPositive: h.acceptsPositive,
      diverting: h.status === 'diverting',
    });
  }
  const alreadyBooked = await bookedPlaces(db, request, slotRanges);
  const result = matchHospitals({
    requests: [request],
    hospitals: candidates,
    policy: { maxTravelMinutes: 60 },
    travel: travelModel(),
    alreadyBooked,
  });
  return { match: result.matches[0], unmatched: result.unmatched[0] };
}

/** Places already held per hospital slot on the date by live trips of the same service (slot of the appointment, the window's end). */
async function bookedPlaces(
  db: Db,
  request: { date: string; service: CareService },
  slotRanges: Map<string, { start: number; end: number }[]>,
): Promise<Map<string, number>> {
  const held = await db
    .select({ hospitalId: trips.hospitalId, at: requests.windowEnd })
    .from(trips)
    .innerJoin(requests, eq(requests.id, trips.requestId))
    .innerJoin(legs, and(eq(legs.tripId, trips.id), eq(legs.direction, 'outbound')))
    .where(
      and(
        eq(requests.date, request.date),
        eq(requests.service, request.service),
        notInArray(legs.status, ['cancelled', 'no_show']),
        inArray(
          trips.hospitalId,
          [...slotRanges.keys()].length ? [...slotRanges.keys()] : ['00000000-0000-0000-0000-000000000000'],
        ),
      ),
    );
  const booked = new Map<string, number>();
  for (const h of held) {
    // The same rule as the planner's matching: the slot whose [start, end) holds the appointment.
    const at = h.at.getTime();
    const slot = (slotRanges.get(h.hospitalId) ?? []).find((s) => s.start <= at && at < s.end);
    if (!slot) continue;
    const key = slotKey(h.hospitalId, request.service, slot.start);
    booked.set(key, (booked.get(key) ?? 0) + 1);
  }
  return booked;
}

import { type Db, hospitals, legs, onlineVisits, requests, trips } from '@lastmeter/db';
import { cityInstant, type SlotChannel } from '@lastmeter/shared';
import type { CareService, MatchHospital, MatchRequest } from '@lastmeter/shared/planner.ts';
import { and, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { type HospitalMatch, matchHospitals, slotKey, type UnmatchedRequest } from '../../planner/index.ts';
import { capacitiesOn } from '../supply/get-hospital-capacity.ts';
import { travelModel } from './travel.ts';

type SlotRange = { start: number; end: number };

/**
 * Hospital matching for one request with the planner (供需匹配): the hospitals' slots on the
 * request's date, minus the places already held, feed `matchHospitals` — the same rules for both
 * channels (the requested hospital, else the regular one for continuity of care, else the nearest with
 * a free place). On site, the places trips hold count, and infection class, diverting and travel range
 * decide; online, the places live online visits hold count, and nobody travels, so any hospital with
 * an online slot of the service can see a positive patient, a diverting one included.
 */
export async function matchHospitalFor(
  db: Db,
  request: MatchRequest & { date: string },
  /** The city's time zone (config `TIME_ZONE`): slot times are on its clock. */
  timeZone: string,
  channel: SlotChannel = 'on_site',
): Promise<{ match: HospitalMatch | undefined; unmatched: UnmatchedRequest | undefined }> {
  const online = channel === 'online';
  const rows = await db.select().from(hospitals);
  const candidates: MatchHospital[] = [];
  const slotRanges = new Map<string, SlotRange[]>();
  const capacities = await capacitiesOn(db, request.date, channel);
  for (const h of rows) {
    const byService = new Map<CareService, { start: number; end: number; capacity: number }[]>();
    for (const slot of capacities.get(h.id) ?? []) {
      const service = slot.service;
      const list = byService.get(service) ?? [];
      list.push({
        start: cityInstant(request.date, slot.startTime, timeZone).getTime(),
        end: cityInstant(request.date, slot.endTime, timeZone).getTime(),
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
        service === 'emergency' && !online ? { service } : { service, slots },
      ),
      acceptsPositive: online || h.acceptsPositive,
      diverting: !online && h.status === 'diverting',
    });
  }
  const alreadyBooked = online
    ? await heldOnline(db, request, slotRanges)
    : await bookedPlaces(db, request, slotRanges);
  const result = matchHospitals({
    requests: [request],
    hospitals: candidates,
    policy: { maxTravelMinutes: online ? Number.POSITIVE_INFINITY : 60 },
    travel: travelModel(),
    alreadyBooked,
  });
  return { match: result.matches[0], unmatched: result.unmatched[0] };
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Places already held per hospital slot on the date by live trips of the same service (slot of the appointment, the window's end). */
async function bookedPlaces(
  db: Db,
  request: { date: string; service: CareService },
  slotRanges: Map<string, SlotRange[]>,
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
        inArray(trips.hospitalId, [...slotRanges.keys()].length ? [...slotRanges.keys()] : [NO_ID]),
      ),
    );
  return countBySlot(
    held.map((h) => ({ hospitalId: h.hospitalId, at: h.at.getTime() })),
    request.service,
    slotRanges,
  );
}

/** Places of the online slots held by live (not cancelled) online visits of the same service. */
async function heldOnline(
  db: Db,
  request: { date: string; service: CareService },
  slotRanges: Map<string, SlotRange[]>,
): Promise<Map<string, number>> {
  const held = await db
    .select({ hospitalId: onlineVisits.hospitalId, at: onlineVisits.startsAt })
    .from(onlineVisits)
    .where(
      and(
        eq(onlineVisits.date, request.date),
        eq(onlineVisits.service, request.service),
        ne(onlineVisits.status, 'cancelled'),
      ),
    );
  return countBySlot(
    held.map((h) => ({ hospitalId: h.hospitalId, at: h.at.getTime() })),
    request.service,
    slotRanges,
  );
}

function countBySlot(
  held: Array<{ hospitalId: string; at: number }>,
  service: CareService,
  slotRanges: Map<string, SlotRange[]>,
): Map<string, number> {
  const booked = new Map<string, number>();
  for (const h of held) {
    // The same rule as the planner's matching: the slot whose [start, end) holds the time.
    const slot = (slotRanges.get(h.hospitalId) ?? []).find((s) => s.start <= h.at && h.at < s.end);
    if (!slot) continue;
    const key = slotKey(h.hospitalId, service, slot.start);
    booked.set(key, (booked.get(key) ?? 0) + 1);
  }
  return booked;
}

import { type Db, hospitals } from '@lastmeter/db';
import { cityInstant, type SlotChannel } from '@lastmeter/shared';
import type { CareService, MatchHospital, MatchRequest } from '@lastmeter/shared/planner.ts';
import { type HospitalMatch, matchHospitals, slotKey, type UnmatchedRequest } from '../../planner/index.ts';
import { travelModel } from '../travel/travel-model.ts';
import { capacitiesOn } from './get-hospital-capacity.ts';
import { heldIn, loadHeldPlaces } from './load-held-places.ts';

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
  const [rows, capacities] = await Promise.all([
    db.select().from(hospitals),
    capacitiesOn(db, request.date, channel),
  ]);
  const candidates: MatchHospital[] = [];
  const slotRanges = new Map<string, SlotRange[]>();
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
  // An emergency department has no slot limit on site (above): the places trips hold do not count.
  const held =
    !online && request.service === 'emergency'
      ? []
      : await loadHeldPlaces(db, {
          date: request.date,
          channel,
          service: request.service,
          hospitalIds: [...slotRanges.keys()],
        });
  const alreadyBooked = countBySlot(held, request.service, slotRanges);
  const result = matchHospitals({
    requests: [request],
    hospitals: candidates,
    policy: { maxTravelMinutes: online ? Number.POSITIVE_INFINITY : 60 },
    travel: travelModel(),
    alreadyBooked,
  });
  return { match: result.matches[0], unmatched: result.unmatched[0] };
}

function countBySlot(
  held: Array<{ hospitalId: string; at: number }>,
  service: CareService,
  slotRanges: Map<string, SlotRange[]>,
): Map<string, number> {
  const booked = new Map<string, number>();
  for (const h of held) {
    // The same rule as the planner's matching: the slot whose [start, end) holds the time.
    const slot = (slotRanges.get(h.hospitalId) ?? []).find((s) => heldIn(h, s));
    if (!slot) continue;
    const key = slotKey(h.hospitalId, service, slot.start);
    booked.set(key, (booked.get(key) ?? 0) + 1);
  }
  return booked;
}

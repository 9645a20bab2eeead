import { compounds, type Db, legs, patients, requests, trips } from '@lastmeter/db';
import { type RequestStatus, requestStatusFromLegs, rooms } from '@lastmeter/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { NewDomainEvent } from '../events/record-event.ts';

/**
 * Brings each request's status in line with the legs of its round trip (`requestStatusFromLegs`),
 * inside the transaction that moved the legs; dispatch and the gate hear of every change. The
 * requests are locked first, so two transactions booking the two legs of one trip at once cannot
 * both read the other leg as unbooked.
 */
export async function settleRequests(
  tx: Db,
  {
    requestIds,
    unserved,
    actorId,
  }: {
    requestIds: ReadonlySet<string>;
    /** Requests the planner could not serve: `unserved`, not `matched`, while a leg waits. */
    unserved: ReadonlySet<string>;
    actorId: string | null;
  },
): Promise<NewDomainEvent[]> {
  if (requestIds.size === 0) return [];
  const ids = [...requestIds].sort();
  const locked = await tx
    .select({ id: requests.id, status: requests.status })
    .from(requests)
    .where(inArray(requests.id, ids))
    .orderBy(asc(requests.id))
    .for('update');
  const legRows = await tx
    .select({
      requestId: trips.requestId,
      tripId: trips.id,
      compoundId: patients.compoundId,
      districtId: compounds.districtId,
      direction: legs.direction,
      status: legs.status,
      released: legs.released,
    })
    .from(legs)
    .innerJoin(trips, eq(trips.id, legs.tripId))
    .innerJoin(patients, eq(patients.id, trips.patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(inArray(trips.requestId, ids));

  const events: NewDomainEvent[] = [];
  const moves = new Map<RequestStatus, string[]>();
  for (const request of locked) {
    const own = legRows.filter((l) => l.requestId === request.id);
    const first = own[0];
    if (!first) continue;
    const next = requestStatusFromLegs(request.status, own, unserved.has(request.id));
    if (next === request.status) continue;
    moves.set(next, [...(moves.get(next) ?? []), request.id]);
    events.push({
      type: 'request.status_changed',
      payload: { requestId: request.id, tripId: first.tripId, status: next, previous: request.status },
      actorId,
      recipients: [rooms.district(first.districtId), rooms.compound(first.compoundId)],
    });
  }
  for (const [status, list] of moves)
    await tx.update(requests).set({ status }).where(inArray(requests.id, list));
  return events;
}

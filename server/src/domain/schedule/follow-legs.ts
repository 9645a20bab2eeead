import { compounds, type Db, legs, patients, requests, trips, vehicles } from '@lastmeter/db';
import {
  ABOARD_LEG_STATUSES,
  type RequestStatus,
  requestStatusFromLegs,
  rooms,
  UNDER_WAY_LEG_STATUSES,
  type VehicleStatusChanged,
  vehicleStatusFromLegs,
} from '@lastmeter/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { NewDomainEvent } from '../events/record-event.ts';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';

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
  // The legs are read after the lock, in the same round trip (the database runs them in order).
  const [locked, legRows] = await Promise.all([
    tx
      .select({ id: requests.id, status: requests.status, date: requests.date })
      .from(requests)
      .where(inArray(requests.id, ids))
      .orderBy(asc(requests.id))
      .for('update'),
    joinPatientCompound(
      tx
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
        .$dynamic(),
      trips.patientId,
    ).where(inArray(trips.requestId, ids)),
  ]);

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
      payload: {
        requestId: request.id,
        tripId: first.tripId,
        date: request.date,
        status: next,
        previous: request.status,
      },
      actorId,
      recipients: [rooms.district(first.districtId), rooms.compound(first.compoundId)],
    });
  }
  for (const [status, list] of moves)
    await tx.update(requests).set({ status }).where(inArray(requests.id, list));
  return events;
}

/**
 * Brings each vehicle's status in line with its legs (`vehicleStatusFromLegs`): `on_job` once its
 * driver is under way or a patient is aboard; after a passenger who needs disinfection left it empty
 * (`dirtied`), `disinfecting` for the vehicle's disinfection time; `available` otherwise. The vehicle
 * rows are locked (after the legs, as every trip transaction does) so concurrent steps of one vehicle
 * settle one after the other. Dispatch's map hears of every change.
 */
export async function settleVehicles(
  tx: Db,
  {
    vehicleIds,
    dirtied,
    now,
    actorId,
  }: {
    vehicleIds: ReadonlySet<string>;
    /** Vehicles a passenger who needs disinfection just got out of. */
    dirtied: ReadonlySet<string>;
    now: Date;
    actorId: string | null;
  },
): Promise<NewDomainEvent[]> {
  if (vehicleIds.size === 0) return [];
  const ids = [...vehicleIds].sort();
  const [locked, active] = await Promise.all([
    tx
      .select({
        id: vehicles.id,
        districtId: vehicles.districtId,
        status: vehicles.status,
        disinfectionMinutes: vehicles.disinfectionMinutes,
        disinfectingUntil: vehicles.disinfectingUntil,
      })
      .from(vehicles)
      .where(inArray(vehicles.id, ids))
      .orderBy(asc(vehicles.id))
      .for('update'),
    tx
      .select({ vehicleId: legs.vehicleId, status: legs.status })
      .from(legs)
      .where(
        and(
          inArray(legs.vehicleId, ids),
          inArray(legs.status, [...ABOARD_LEG_STATUSES, ...UNDER_WAY_LEG_STATUSES]),
        ),
      ),
  ]);
  const events: NewDomainEvent[] = [];
  for (const vehicle of locked) {
    const own = active.filter((l) => l.vehicleId === vehicle.id);
    const aboard = own.some((l) => ABOARD_LEG_STATUSES.includes(l.status));
    const underWay = own.some((l) => UNDER_WAY_LEG_STATUSES.includes(l.status));
    const disinfectingUntil =
      dirtied.has(vehicle.id) && !aboard
        ? new Date(now.getTime() + vehicle.disinfectionMinutes * 60_000)
        : vehicle.disinfectingUntil;
    if (vehicle.status === 'off') {
      // Off duty (broken down) with its last passenger delivered: it still needs its disinfection
      // before anyone boards, whenever it comes back on duty (the gate and the planner read it).
      if (disinfectingUntil?.getTime() !== vehicle.disinfectingUntil?.getTime())
        await tx.update(vehicles).set({ disinfectingUntil }).where(eq(vehicles.id, vehicle.id));
      continue;
    }
    const status = vehicleStatusFromLegs(vehicle.status, { aboard, underWay, disinfectingUntil, now });
    const until = status === 'disinfecting' ? disinfectingUntil : null;
    if (status === vehicle.status && until?.getTime() === vehicle.disinfectingUntil?.getTime()) continue;
    await tx.update(vehicles).set({ status, disinfectingUntil: until }).where(eq(vehicles.id, vehicle.id));
    if (status !== vehicle.status) events.push(vehicleStatusEvent(vehicle, status, until, actorId));
  }
  return events;
}

/** `vehicle.status_changed`, to the district's stream: the dispatcher's map recolours the vehicle. */
export function vehicleStatusEvent(
  vehicle: { id: string; districtId: string; status: VehicleStatusChanged['previous'] },
  status: VehicleStatusChanged['status'],
  disinfectingUntil: Date | null,
  actorId: string | null,
): NewDomainEvent<'vehicle.status_changed'> {
  const payload: VehicleStatusChanged = {
    vehicleId: vehicle.id,
    districtId: vehicle.districtId,
    status,
    previous: vehicle.status,
    disinfectingUntil: disinfectingUntil?.toISOString() ?? null,
  };
  return {
    type: 'vehicle.status_changed',
    payload: { ...payload },
    actorId,
    recipients: [rooms.district(vehicle.districtId)],
  };
}

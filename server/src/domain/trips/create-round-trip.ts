import { randomUUID } from 'node:crypto';
import { compounds, type Db, gates, legs, patients, requests, trips } from '@lastmeter/db';
import { cityDateOf, type TripView, type Urgency } from '@lastmeter/shared';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { span } from '../../observability/spans.ts';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import { matchHospitalFor } from '../hospitals/match-hospital.ts';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';
import { recordAudit } from '../record-audit.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import { minutes } from '../travel/travel-model.ts';
import { insertAuthorizedTrip } from './insert-trip.ts';
import { presentTrip } from './present-trip.ts';

/** How early before the latest feasible pickup a patient may be collected at the gate. */
const PICKUP_SLACK_MINUTES = 30;
/** Width of a fixed return's pickup window after treatment ends (the planner's default too). */
const RETURN_FLEX_MINUTES = 45;

/**
 * Turns a request into a round trip (一来一回): the hospital comes from the planner's matching with
 * its reason stored on the request, and both legs are created together. A fixed return is picked up
 * no earlier than the end of treatment; a will-call return waits for the hospital's release.
 * An emergency is inserted into the running plan straight away.
 */
export async function createRoundTrip({
  db,
  actor,
  requestId,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  requestId: string;
  now: Date;
  /** The city's time zone (config `TIME_ZONE`): an emergency of today still needs a vehicle. */
  timeZone: string;
}): Promise<TripView> {
  const found = await loadRequest(db, requestId);
  const row = await authorizeRecord(
    db,
    actor,
    {
      name: 'Request',
      id: requestId,
      row: found,
      seen: (r) => ({ kind: 'request', districtId: r.districtId, compoundId: r.patient.compoundId }),
      action: 'write',
      resource: (r) => ({ kind: 'dispatch', districtId: r.districtId }),
    },
    { entity: 'patient', entityId: found?.patient.id },
  );
  const opened = await span('open', () => openRoundTrip(db, { actor, row, now, timeZone }));
  // An emergency cannot wait for the next planning round: it goes into the running plan at once, or
  // says in a coded reason why no vehicle can take it (and an incident tells dispatch).
  const inserted =
    row.request.urgency === 'emergency'
      ? await insertAuthorizedTrip(db, {
          actor,
          trip: {
            ...opened,
            districtId: row.districtId,
            date: row.request.date,
            urgency: row.request.urgency,
          },
          now,
          timeZone,
        })
      : null;
  const contexts = await loadLegContexts(db, and(eq(legs.tripId, opened.id)));
  return {
    ...presentTrip(contexts),
    ...(inserted?.unserved.length
      ? { unserved: inserted.unserved.map((u) => ({ legId: u.legId, reason: u.reason })) }
      : {}),
  };
}

/**
 * The appointment (the end of the arrival window) is over: no vehicle can bring the patient in time
 * any more. An emergency is always "now" on its own day: it still needs a vehicle.
 */
export function appointmentPassed(
  request: { urgency: Urgency; windowEnd: Date; date: string },
  now: Date,
  timeZone: string,
): boolean {
  if (request.windowEnd.getTime() > now.getTime()) return false;
  return !(request.urgency === 'emergency' && request.date === cityDateOf(now, timeZone));
}

type RequestRow = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

/** Requests with their patient, district and round trip (if any); add `where`. */
function selectRequestRows(db: Db) {
  return joinPatientCompound(
    db
      .select({ request: requests, patient: patients, districtId: compounds.districtId, tripId: trips.id })
      .from(requests)
      .$dynamic(),
    requests.patientId,
  ).leftJoin(trips, eq(trips.requestId, requests.id));
}

function loadRequest(db: Db, requestId: string) {
  return selectRequestRows(db)
    .where(eq(requests.id, requestId))
    .then(([row]) => row);
}

/**
 * The requests of a district's day served by a trip without a round trip yet — not cancelled or done —
 * in order of their windows: what "plan the day" turns into trips first (or settles as `window_passed`).
 * Requests served online or by a delivery never become trips.
 */
export async function requestsWithoutTrip(
  db: Db,
  { districtId, date }: { districtId: string; date: string },
): Promise<RequestRow[]> {
  return selectRequestRows(db)
    .where(
      and(
        eq(compounds.districtId, districtId),
        eq(requests.date, date),
        eq(requests.serveBy, 'trip'),
        inArray(requests.status, ['open', 'matched', 'unserved']),
        isNull(trips.id),
      ),
    )
    .orderBy(asc(requests.windowStart), asc(requests.id));
}

/** The reason a request whose appointment is over when it is planned ends `unserved`. */
export const WINDOW_PASSED = { code: 'window_passed', params: {} } as const;

/** A request whose appointment passed before it got a round trip ends `unserved`, with the reason. */
export async function settleWindowPassed(db: Db, requestId: string): Promise<void> {
  await db
    .update(requests)
    .set({ status: 'unserved', matchReason: WINDOW_PASSED })
    .where(and(eq(requests.id, requestId), inArray(requests.status, ['open', 'matched', 'unserved'])));
}

/**
 * Creates the round trip of a request the caller may plan (checked by the caller): hospital matched,
 * both legs written in one transaction. Returns the trip's and its legs' ids; planning it is the
 * caller's choice.
 */
export async function openRoundTrip(
  db: Db,
  { actor, row, now, timeZone }: { actor: Actor; row: RequestRow; now: Date; timeZone: string },
): Promise<{ id: string; legIds: string[] }> {
  const requestId = row.request.id;
  const { request, patient } = row;
  if (request.status === 'cancelled' || request.status === 'done')
    throw errors.conflict(`The request is ${request.status}`, { requestId });
  if (request.serveBy !== 'trip')
    throw errors.conflict(`The request is served by ${request.serveBy}, not a trip`, {
      requestId,
      serveBy: request.serveBy,
    });
  if (row.tripId) throw errors.conflict('The request already has a round trip', { tripId: row.tripId });
  if (appointmentPassed(request, now, timeZone)) {
    await settleWindowPassed(db, requestId);
    throw errors.fieldCode('windowEnd', 'appointment_passed', { at: request.windowEnd.toISOString() });
  }
  const [gate] = await db
    .select()
    .from(gates)
    .where(patient.gateId ? eq(gates.id, patient.gateId) : eq(gates.compoundId, patient.compoundId))
    .orderBy(asc(gates.name))
    .limit(1);
  if (!gate)
    throw errors.conflict('The patient’s compound has no gate to be picked up at', {
      compoundId: patient.compoundId,
    });

  const chosenByCaller = request.matchReason?.code === 'chosen_by_caller' && request.hospitalId;
  const { match, unmatched } = await matchHospitalFor(
    db,
    {
      id: request.id,
      gate: [gate.lng, gate.lat],
      service: request.service,
      date: request.date,
      // The appointment is the end of the arrival window ([start − 30 min, start]): it picks the slot.
      appointmentAt: request.windowEnd.getTime(),
      infectionClass: patient.infectionClass,
      urgency: request.urgency,
      ...(patient.regularHospitalId ? { regularHospitalId: patient.regularHospitalId } : {}),
      ...(chosenByCaller && request.hospitalId ? { requestedHospitalId: request.hospitalId } : {}),
    },
    timeZone,
  );
  if (!match) {
    const reason = unmatched?.reason ?? { code: 'no_capable_hospital', params: {} };
    await db
      .update(requests)
      .set({ status: 'unserved', matchReason: reason })
      .where(eq(requests.id, requestId));
    throw errors.conflict('No hospital can take this request', { reason });
  }

  const tripId = randomUUID();
  const ride = minutes(match.travelMinutes);
  const arriveFrom = request.windowStart.getTime();
  const arriveTo = request.windowEnd.getTime();
  const fixed = request.returnMode === 'fixed';
  const returnFrom = arriveTo + minutes(request.treatmentMinutes ?? 0);
  return db.transaction(async (tx) => {
    // The four writes need nothing from each other but the trip's id, chosen here: they go to the
    // database together and run in this order (an emergency waits for one round trip, not four).
    const [, , written] = await Promise.all([
      tx
        .update(requests)
        .set({ hospitalId: match.hospitalId, matchReason: match.reason, status: 'matched' })
        .where(eq(requests.id, requestId)),
      tx.insert(trips).values({
        id: tripId,
        requestId,
        patientId: patient.id,
        hospitalId: match.hospitalId,
        gateId: gate.id,
        createdBy: actor.accountId,
      }),
      tx
        .insert(legs)
        .values([
          {
            tripId,
            direction: 'outbound',
            patientId: patient.id,
            pickupWindowStart: new Date(arriveFrom - ride - minutes(PICKUP_SLACK_MINUTES)),
            pickupWindowEnd: new Date(arriveTo - ride),
            dropoffWindowStart: new Date(arriveFrom),
            dropoffWindowEnd: new Date(arriveTo),
          },
          {
            tripId,
            direction: 'return',
            patientId: patient.id,
            released: fixed,
            pickupWindowStart: fixed ? new Date(returnFrom) : null,
            pickupWindowEnd: fixed ? new Date(returnFrom + minutes(RETURN_FLEX_MINUTES)) : null,
          },
        ])
        .returning({ id: legs.id, direction: legs.direction }),
      recordAudit(tx, {
        actor,
        action: 'create_trip',
        entity: 'patient',
        entityId: patient.id,
        outcome: 'allowed',
        detail: { requestId, tripId },
      }),
    ]);
    const order = (d: string) => (d === 'outbound' ? 0 : 1);
    return {
      id: tripId,
      legIds: written.sort((a, b) => order(a.direction) - order(b.direction)).map((l) => l.id),
    };
  });
}

import { randomBytes } from 'node:crypto';
import { type Db, districts, gates, onlineVisits, requests, trips } from '@lastmeter/db';
import type { BookOnlineVisitBody, OnlineVisitView } from '@lastmeter/shared';
import { and, asc, eq, ne } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import type { NewDomainEvent } from '../events/record-event.ts';
import { recordEvents } from '../events/record-event.ts';
import { matchHospitalFor } from '../hospitals/match-hospital.ts';
import { recordAudit } from '../record-audit.ts';
import { refuseWayFor } from '../requests/care-ways-of-request.ts';
import { WAY_OPEN_STATUSES } from '../requests/choose-way-of-service.ts';
import { type LoadedRequest, loadRequestFor } from '../requests/load-request.ts';
import { requestEvent } from '../requests/request-event.ts';
import type { UseCase } from '../use-case.ts';
import { loadVisitFor } from './load-online-visit.ts';
import { onlineSlotsOf, takeFreePlace } from './online-places.ts';
import { onlineVisitEvent, presentOnlineVisit } from './present-online-visit.ts';

/** A visit is never booked closer to now than this: the gatekeeper needs the time to tell the family. */
export const LEAD_MINUTES = 5;
const MINUTE = 60_000;

/**
 * The gatekeeper or dispatcher books a request into an online visit (在线复诊): the hospital by the
 * same matching as trips — the requested hospital, else the regular one (continuity of care), else the
 * nearest with a free online place — at the first free place of its online slot from the appointment
 * on (or from now, when that has passed). The request becomes served online; the visit has a time and
 * an unguessable join link for the family.
 */
export async function bookOnlineVisit(
  use: UseCase & { requestId: string; input: BookOnlineVisitBody },
): Promise<OnlineVisitView> {
  const { db, actor, requestId, input, now, timeZone } = use;
  const loaded = await loadRequestFor(db, actor, requestId, 'write', 'book_online_visit');
  const visitId = await bookLoadedRequest(db, {
    actor,
    loaded,
    requestedHospitalId: input.hospitalId,
    now,
    timeZone,
  });
  return presentOnlineVisit(actor, await loadVisitFor(db, actor, visitId, 'read', 'book_online_visit'));
}

/**
 * Books a loaded request the caller may book (checked by the caller). A request no hospital can see
 * online stays `unserved` with the matching's reason, and the error carries it (`extra.reason`).
 */
export async function bookLoadedRequest(
  db: Db,
  {
    actor,
    loaded,
    requestedHospitalId,
    now,
    timeZone,
  }: {
    actor: Actor;
    loaded: LoadedRequest;
    requestedHospitalId?: string | undefined;
    now: Date;
    timeZone: string;
  },
): Promise<string> {
  const { request, patient, need, districtId } = loaded;
  const refusal = refuseWayFor('online_visit', request, need);
  if (refusal) throw errors.fieldCode('serveBy', refusal);
  if (!(WAY_OPEN_STATUSES as readonly string[]).includes(request.status))
    throw errors.invalidTransition(request.status, 'online_visit', WAY_OPEN_STATUSES);
  if (patient.status !== 'active') throw errors.invalidTransition(patient.status, 'online_visit', ['active']);
  const [trip] = await db.select({ id: trips.id }).from(trips).where(eq(trips.requestId, request.id));
  if (trip) throw errors.conflict('The request already has a round trip', { tripId: trip.id });

  const notBefore = Math.ceil((now.getTime() + LEAD_MINUTES * MINUTE) / MINUTE) * MINUTE;
  const appointmentAt = Math.max(request.windowEnd.getTime(), notBefore);
  const chosenByCaller = request.matchReason?.code === 'chosen_by_caller' ? request.hospitalId : null;
  const wanted = requestedHospitalId ?? chosenByCaller ?? undefined;
  const { match, unmatched } = await matchHospitalFor(
    db,
    {
      id: request.id,
      gate: await whereFrom(db, patient, districtId),
      service: request.service,
      date: request.date,
      appointmentAt,
      infectionClass: patient.infectionClass,
      urgency: 'scheduled',
      ...(patient.regularHospitalId ? { regularHospitalId: patient.regularHospitalId } : {}),
      ...(wanted ? { requestedHospitalId: wanted } : {}),
    },
    timeZone,
    'online',
  );
  if (!match || match.slotStart === undefined) {
    const reason = unmatched?.reason ?? { code: 'no_capacity', params: {} };
    if (request.serveBy === 'online_visit')
      await db
        .update(requests)
        .set({ status: 'unserved', matchReason: reason })
        .where(eq(requests.id, request.id));
    throw errors.conflict('No hospital has a free online place for this request', { reason });
  }
  const slot = (await onlineSlotsOf(db, match.hospitalId, request.date, request.service, timeZone)).find(
    (s) => s.start === match.slotStart,
  );
  if (!slot)
    throw errors.conflict('The online slot changed meanwhile; try again', { hospitalId: match.hospitalId });

  return db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: onlineVisits.id })
      .from(onlineVisits)
      .where(and(eq(onlineVisits.requestId, request.id), ne(onlineVisits.status, 'cancelled')));
    if (live) throw errors.conflict('The request already has an online visit', { visitId: live.id });
    // As close to the appointment as the slot allows: from the window's start on, else anywhere still ahead.
    const place = await takeFreePlace(tx, {
      hospitalId: match.hospitalId,
      service: request.service,
      slot,
      notBefore: [Math.max(notBefore, request.windowStart.getTime()), notBefore],
    });
    if (!place) {
      const reason = { code: 'no_capacity', params: { service: request.service } };
      throw errors.conflict('The online slot has no free place left', { reason });
    }
    const [visit] = await tx
      .insert(onlineVisits)
      .values({
        requestId: request.id,
        patientId: patient.id,
        hospitalId: match.hospitalId,
        service: request.service,
        date: request.date,
        slotStart: slot.startTime,
        startsAt: new Date(place.startsAt),
        endsAt: new Date(place.endsAt),
        joinToken: randomBytes(32).toString('base64url'),
        createdBy: actor.accountId,
      })
      .returning();
    if (!visit) throw errors.internal();
    await tx
      .update(requests)
      .set({
        serveBy: 'online_visit',
        status: 'planned',
        hospitalId: match.hospitalId,
        matchReason: match.reason,
      })
      .where(eq(requests.id, request.id));
    await recordAudit(tx, {
      actor,
      action: 'book_online_visit',
      entity: 'patient',
      entityId: patient.id,
      outcome: 'allowed',
      detail: {
        requestId: request.id,
        visitId: visit.id,
        hospitalId: match.hospitalId,
        reason: match.reason.code,
      },
    });
    const events: NewDomainEvent[] = [];
    if (request.serveBy !== 'online_visit') {
      events.push(
        requestEvent(
          'request.way_changed',
          {
            requestId: request.id,
            patientId: patient.id,
            compoundId: patient.compoundId,
            date: request.date,
            serveBy: 'online_visit',
            previous: request.serveBy,
          },
          { districtId, actorId: actor.accountId },
        ),
      );
    }
    events.push(onlineVisitEvent('online_visit.booked', { visit, districtId, patient }, actor.accountId));
    await recordEvents(tx, events);
    return visit.id;
  });
}

/** Where the patient is, for the nearest hospital: their gate, else the compound's first, else the district's centre. */
async function whereFrom(
  db: Db,
  patient: { gateId: string | null; compoundId: string },
  districtId: string,
): Promise<[number, number]> {
  const [gate] = await db
    .select({ lng: gates.lng, lat: gates.lat })
    .from(gates)
    .where(patient.gateId ? eq(gates.id, patient.gateId) : eq(gates.compoundId, patient.compoundId))
    .orderBy(asc(gates.name))
    .limit(1);
  if (gate) return [gate.lng, gate.lat];
  const [district] = await db
    .select({ center: districts.center })
    .from(districts)
    .where(eq(districts.id, districtId));
  return district?.center ?? [121.47, 31.23];
}

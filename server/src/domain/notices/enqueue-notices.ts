import { type Db, gates, hospitals, legs, notices, requests, trips, vehicles } from '@lastmeter/db';
import { cityClockOf, type NoticeKind, type NoticeRecipient } from '@lastmeter/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { joinTripStops } from '../stops.ts';
import { joinNoticeRecipients, noticeRecipientColumns } from './notice-recipients.ts';
import { renderNotice } from './notice-text.ts';

/** What a notice about one round trip is written from. */
export interface NoticeTrip {
  tripId: string;
  date: string;
  patientId: string;
  phone: string;
  hasConsent: boolean;
  compoundId: string;
  districtId: string;
  gate: string;
  hospital: string;
  optedOut: boolean;
  familyPhone: string | null;
  outbound: { plannedPickupAt: Date | null; etaAt: Date | null; plate: string | null } | null;
  back: { plannedPickupAt: Date | null; plate: string | null } | null;
}

/** The trips' notice facts in two queries, however many trips (the evening job asks for a city day). */
export async function loadNoticeTrips(db: Db, tripIds: string[]): Promise<Map<string, NoticeTrip>> {
  const result = new Map<string, NoticeTrip>();
  if (tripIds.length === 0) return result;
  const withRecipients = joinNoticeRecipients(
    db
      .select({
        tripId: trips.id,
        date: requests.date,
        gate: gates.name,
        hospital: hospitals.name,
        ...noticeRecipientColumns,
      })
      .from(trips)
      .innerJoin(requests, eq(requests.id, trips.requestId))
      .$dynamic(),
    trips.patientId,
  );
  const heads = await joinTripStops(withRecipients).where(inArray(trips.id, tripIds));
  const legRows = await db
    .select({
      tripId: legs.tripId,
      direction: legs.direction,
      plannedPickupAt: legs.plannedPickupAt,
      etaAt: legs.etaAt,
      plate: vehicles.plate,
    })
    .from(legs)
    .leftJoin(vehicles, eq(vehicles.id, legs.vehicleId))
    .where(inArray(legs.tripId, tripIds));
  for (const h of heads) {
    const out = legRows.find((l) => l.tripId === h.tripId && l.direction === 'outbound');
    const back = legRows.find((l) => l.tripId === h.tripId && l.direction === 'return');
    result.set(h.tripId, {
      tripId: h.tripId,
      date: h.date,
      patientId: h.patientId,
      phone: h.phone,
      hasConsent: h.consent !== null,
      compoundId: h.compoundId,
      districtId: h.districtId,
      gate: h.gate,
      hospital: h.hospital,
      optedOut: h.optedOut ?? false,
      familyPhone: h.familyPhone ?? null,
      outbound: out ? { plannedPickupAt: out.plannedPickupAt, etaAt: out.etaAt, plate: out.plate } : null,
      back: back ? { plannedPickupAt: back.plannedPickupAt, plate: back.plate } : null,
    });
  }
  return result;
}

export interface NoticeRequest {
  trip: NoticeTrip;
  kind: NoticeKind;
  /** What makes this notice unique besides trip and kind (a leg, a new time); the outbox drops repeats. */
  key: string;
}

/** Whom a notice goes to and whether it may: the patient's number, the family's, consent and opt-out. */
export interface NoticeHousehold {
  patientId: string;
  phone: string;
  hasConsent: boolean;
  compoundId: string;
  districtId: string;
  optedOut: boolean;
  familyPhone: string | null;
}

/** One notice to write: about a round trip or an online visit, its words' parameters already known. */
export interface NoticeItem {
  household: NoticeHousehold;
  about: { tripId: string } | { onlineVisitId: string };
  kind: NoticeKind;
  /** What makes it unique besides its subject and kind; the outbox drops repeats. */
  key: string;
  params: Record<string, string>;
}

/** Writes the trips' notices into the outbox (see `writeNotices`). */
export async function enqueueNotices(tx: Db, requests: NoticeRequest[], timeZone: string, now = new Date()) {
  await writeNotices(
    tx,
    requests.map(({ trip, kind, key }) => ({
      household: trip,
      about: { tripId: trip.tripId },
      kind,
      key,
      params: noticeParams(trip, timeZone),
    })),
    now,
  );
}

/**
 * Writes notices into the outbox, one per recipient (the patient's number and the family's, if any),
 * inside the caller's transaction. A household that opted out, or a patient without consent on
 * record, gets the row as `skipped`, so the gate can see why nothing was sent.
 */
export async function writeNotices(tx: Db, items: NoticeItem[], now = new Date()) {
  const rows: Array<typeof notices.$inferInsert> = [];
  for (const { household, about, kind, key, params } of items) {
    const body = renderNotice(kind, params);
    const skipped = household.optedOut || !household.hasConsent;
    const subject = 'tripId' in about ? about.tripId : about.onlineVisitId;
    const to: Array<[NoticeRecipient, string]> = [['patient', household.phone]];
    if (household.familyPhone) to.push(['family', household.familyPhone]);
    for (const [recipient, phone] of to) {
      rows.push({
        ...about,
        patientId: household.patientId,
        compoundId: household.compoundId,
        districtId: household.districtId,
        kind,
        recipient,
        phone,
        params,
        body,
        dedupeKey: `${subject}:${kind}:${key}:${recipient}`,
        status: skipped ? 'skipped' : 'queued',
        lastError: skipped ? (household.optedOut ? 'opted_out' : 'no_consent') : null,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(notices)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: notices.dedupeKey });
  }
}

export function noticeParams(trip: NoticeTrip, timeZone: string): Record<string, string> {
  const time = (d: Date | null | undefined) => (d ? cityClockOf(d, timeZone) : '—');
  return {
    date: trip.date,
    day: `${Number(trip.date.slice(5, 7))}月${Number(trip.date.slice(8, 10))}日`,
    pickupTime: time(trip.outbound?.plannedPickupAt),
    pickupAt: trip.outbound?.plannedPickupAt?.toISOString() ?? '',
    eta: time(trip.outbound?.etaAt ?? trip.outbound?.plannedPickupAt),
    gate: trip.gate,
    hospital: trip.hospital,
    plate: trip.outbound?.plate ?? '—',
    returnTime: time(trip.back?.plannedPickupAt),
    returnPlate: trip.back?.plate ?? '—',
  };
}

/** The pickup time the household was last told (evening notice or a change), per trip. */
export async function lastToldPickup(tx: Db, tripIds: string[]): Promise<Map<string, string>> {
  const told = new Map<string, string>();
  if (tripIds.length === 0) return told;
  const rows = await tx
    .select({ tripId: notices.tripId, params: notices.params, createdAt: notices.createdAt })
    .from(notices)
    .where(
      and(
        inArray(notices.tripId, tripIds),
        inArray(notices.kind, ['evening_before', 'trip_changed']),
        eq(notices.recipient, 'patient'),
      ),
    );
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const r of rows) if (r.tripId && r.params.pickupAt) told.set(r.tripId, r.params.pickupAt);
  return told;
}

import { type Db, trackingLinks } from '@lastmeter/db';
import { HEALTH_HOTLINE, type TrackView } from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { maskName } from '../mask-identity.ts';
import type { PublicLimits } from '../public/public-limits.ts';
import { recordAudit } from '../record-audit.ts';
import { loadTrackedTrip, type TrackedLeg } from './load-tracked-trip.ts';
import { movingLeg, tripEnded, tripPhase } from './trip-phase.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A read is a new view unless someone read the link within this long (the open page polls every 5 s;
 * a background tab, throttled by the browser, about once a minute). The page's `refresh` flag alone
 * cannot hide a reader: whoever reads a link nobody was reading is counted.
 */
const SAME_VIEW_MS = 5 * 60_000;

function presentLeg(leg: TrackedLeg, live: boolean): TrackView['outbound'] {
  return {
    status: leg.status,
    plannedPickupAt: iso(leg.plannedPickupAt),
    plannedDropoffAt: iso(leg.plannedDropoffAt),
    etaAt: live ? iso(leg.etaAt) : null,
    vehicle: leg.vehicle
      ? {
          plate: leg.vehicle.plate,
          lng: live ? leg.vehicle.lng : null,
          lat: live ? leg.vehicle.lat : null,
          seenAt: live ? iso(leg.vehicle.seenAt) : null,
        }
      : null,
  };
}

/**
 * What the family sees behind a tracking link: the masked name, times, gate, hospital, the vehicle's
 * plate — and its position and ETA only while that leg is on the road. Never a national ID, a phone
 * or another patient. Every view is counted and audited: a page open, or any read of a link nobody
 * was reading (SAME_VIEW_MS).
 */
export async function viewTrackedTrip({
  db,
  limits,
  token,
  ip,
  refresh,
}: {
  db: Db;
  limits: PublicLimits;
  token: string;
  ip: string;
  refresh: boolean;
}): Promise<TrackView> {
  limits.trackingPerIp.hit(ip);
  const [link] = await db.select().from(trackingLinks).where(eq(trackingLinks.token, token));
  if (!link) throw errors.notFound('Tracking link');
  limits.trackingPerToken.hit(link.id);
  const trip = await loadTrackedTrip(db, link.tripId);
  if (!trip) throw errors.notFound('Tracking link');
  const outStatus = trip.outbound.status;
  const backStatus = trip.back?.status ?? null;
  if (tripEnded(outStatus, backStatus)) throw errors.notFound('Tracking link');
  const now = new Date();
  const ongoing =
    refresh && link.lastViewedAt !== null && now.getTime() - link.lastViewedAt.getTime() < SAME_VIEW_MS;
  if (ongoing) {
    await db.update(trackingLinks).set({ lastViewedAt: now }).where(eq(trackingLinks.id, link.id));
  } else {
    await db.transaction(async (tx) => {
      await tx
        .update(trackingLinks)
        .set({ views: sql`${trackingLinks.views} + 1`, lastViewedAt: now })
        .where(eq(trackingLinks.id, link.id));
      await recordAudit(tx, {
        actor: null,
        action: 'tracking_link.viewed',
        entity: 'patient',
        entityId: trip.patient.id,
        outcome: 'allowed',
        detail: { tripId: trip.tripId },
        ip,
      });
    });
  }
  const live = movingLeg(outStatus, backStatus);
  return {
    patient: maskName(trip.patient.name),
    date: trip.date,
    gate: trip.gate,
    hospital: trip.hospital,
    outbound: presentLeg(trip.outbound, live === 'outbound'),
    return: trip.back ? presentLeg(trip.back, live === 'return') : null,
    phase: tripPhase(outStatus, backStatus),
    hotline: HEALTH_HOTLINE,
  };
}

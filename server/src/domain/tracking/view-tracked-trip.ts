import { type Db, trackingLinks } from '@lastmeter/db';
import { HEALTH_HOTLINE, type TrackView } from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { maskName } from '../patients/mask-identity.ts';
import { trackingPerIp, trackingPerToken } from '../public/public-limits.ts';
import { loadTrackedTrip, type TrackedLeg } from './load-tracked-trip.ts';
import { movingLeg, tripEnded, tripPhase } from './trip-phase.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

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
 * or another patient. A page open (not a refresh) counts as a view and is audited.
 */
export async function viewTrackedTrip({
  db,
  token,
  ip,
  refresh,
}: {
  db: Db;
  token: string;
  ip: string;
  refresh: boolean;
}): Promise<TrackView> {
  trackingPerIp.hit(ip);
  const [link] = await db.select().from(trackingLinks).where(eq(trackingLinks.token, token));
  if (!link) throw errors.notFound('Tracking link');
  trackingPerToken.hit(link.id);
  const trip = await loadTrackedTrip(db, link.tripId);
  if (!trip) throw errors.notFound('Tracking link');
  const outStatus = trip.outbound.status;
  const backStatus = trip.back?.status ?? null;
  if (tripEnded(outStatus, backStatus)) throw errors.notFound('Tracking link');
  if (!refresh) {
    await db.transaction(async (tx) => {
      await tx
        .update(trackingLinks)
        .set({ views: sql`${trackingLinks.views} + 1`, lastViewedAt: new Date() })
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

import { randomBytes } from 'node:crypto';
import { trackingLinks } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorizeRecord } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadTrackedTrip } from './load-tracked-trip.ts';
import { tripEnded } from './trip-phase.ts';

export interface TrackingLink {
  tripId: string;
  path: string;
  views: number;
  lastViewedAt: string | null;
  expired: boolean;
}

/**
 * The family's link to a round trip, made on first ask (`create`) by whoever arranges the trip for
 * the compound — its gatekeeper, or dispatch. The token is 256 random bits: the link's only key.
 */
export async function getTrackingLink(
  use: Acting & { tripId: string; create: boolean },
): Promise<TrackingLink> {
  const { db, actor, tripId, create } = use;
  const found = await loadTrackedTrip(db, tripId);
  const trip = await authorizeRecord(
    db,
    actor,
    {
      name: 'Trip',
      id: tripId,
      row: found ?? undefined,
      seen: ({ patient }) => ({
        kind: 'request',
        districtId: patient.districtId,
        compoundId: patient.compoundId,
      }),
      action: create ? 'write' : 'read',
    },
    { entity: 'patient', entityId: found?.patient.id },
  );
  let [link] = await db.select().from(trackingLinks).where(eq(trackingLinks.tripId, tripId));
  if (!link && create) {
    [link] = await db
      .insert(trackingLinks)
      .values({ tripId, token: randomBytes(32).toString('base64url'), createdBy: actor.accountId })
      .onConflictDoNothing({ target: trackingLinks.tripId })
      .returning();
    // A colleague made it at the same moment: theirs is the link.
    link ??= (await db.select().from(trackingLinks).where(eq(trackingLinks.tripId, tripId)))[0];
    await recordAudit(db, {
      actor,
      action: 'tracking_link.created',
      entity: 'patient',
      entityId: trip.patient.id,
      outcome: 'allowed',
      detail: { tripId },
    });
  }
  if (!link) throw errors.notFound('Tracking link');
  return {
    tripId,
    path: `/t/${link.token}`,
    views: link.views,
    lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
    expired: tripEnded(trip.outbound.status, trip.back?.status ?? null),
  };
}

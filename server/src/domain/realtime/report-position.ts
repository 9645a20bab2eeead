import { type Db, legs, queryRows, vehicles } from '@lastmeter/db';
import {
  type LegEtaUpdated,
  type PositionInput,
  REALTIME_EVENT_TYPES,
  rooms,
  type VehiclePosition,
  type VehicleStale,
} from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { TravelTimeModel } from '../../planner/domain/travel.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type RecordedEvent, recordEvent } from '../events/record-event.ts';
import { loadActiveLeg } from './active-leg.ts';

/** A device clock this far ahead of the server is wrong, not early. */
const MAX_CLOCK_SKEW_MS = 60_000;
/** ETAs are pushed (durably) only when they move by at least this much, not on every report. */
const ETA_CHANGE_MS = 60_000;

export interface ReportPositionOptions {
  db: Db;
  actor: Actor;
  input: PositionInput;
  now: Date;
  travel: TravelTimeModel;
  /** At most one accepted report per vehicle per interval, across devices and server nodes. */
  minIntervalMs: number;
}

export interface ReportedPosition {
  position: VehiclePosition;
  /** Durable events recorded (delivered at commit): ETA updates, the vehicle being heard again. */
  events: RecordedEvent[];
  eta: { legId: string; etaAt: string } | null;
}

/**
 * A driver reports where their vehicle is. The position itself is ephemeral for the wire (pushed to
 * dispatch without a stream row: at one report per vehicle every few seconds a durable log would be
 * mostly noise, and `vehicles.last_*` keeps the latest for anyone reloading). What follows from it
 * is durable: a new ETA for the leg being served, and the end of a stale flag.
 */
export async function reportPosition({
  db,
  actor,
  input,
  now,
  travel,
  minIntervalMs,
}: ReportPositionOptions): Promise<ReportedPosition> {
  if (!actor.vehicleId) throw errors.forbidden('Only a driver with a vehicle reports positions');
  const vehicleId = actor.vehicleId;
  const [vehicle] = await db
    .select({ districtId: vehicles.districtId, kind: vehicles.kind })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!vehicle) throw errors.notFound('vehicle');
  await authorize(db, actor, 'write', { kind: 'vehicle', districtId: vehicle.districtId, vehicleId });
  if (Date.parse(input.recordedAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw errors.field('recordedAt', 'is in the future');
  }

  // Raw SQL takes timestamps as ISO text: postgres.js does not serialise Date parameters there.
  return db.transaction(async (tx) => {
    // The rate limit is a condition of the update itself, so two devices or two nodes cannot both pass it.
    const [updated] = await queryRows<{ was_stale: boolean }>(
      tx,
      sql`update vehicles v set last_lng = ${input.lng}, last_lat = ${input.lat}, last_seen_at = ${now.toISOString()}::timestamptz,
            stale_since = null
          from (select id, stale_since from vehicles where id = ${vehicleId} for update) old
          where v.id = old.id
            and (v.last_seen_at is null or v.last_seen_at <= ${new Date(now.getTime() - minIntervalMs).toISOString()}::timestamptz)
          returning old.stale_since is not null as was_stale`,
    );
    if (!updated) throw errors.tooManyRequests(Math.ceil(minIntervalMs / 1000));

    const events: RecordedEvent[] = [];
    if (updated.was_stale) {
      const payload: VehicleStale = {
        vehicleId,
        districtId: vehicle.districtId,
        stale: false,
        lastSeenAt: now.toISOString(),
      };
      events.push(
        await recordEvent(tx, {
          type: REALTIME_EVENT_TYPES.vehicleStale,
          payload: { ...payload },
          actorId: actor.accountId,
          recipients: [rooms.district(vehicle.districtId)],
        }),
      );
    }

    let eta: ReportedPosition['eta'] = null;
    const leg = await loadActiveLeg(tx, vehicleId);
    if (leg) {
      const matrix = travel.minutes(
        [
          [input.lng, input.lat],
          [leg.stopLng, leg.stopLat],
        ],
        vehicle.kind,
      );
      const minutes = matrix[1] ?? 0;
      const etaAt = new Date(now.getTime() + Math.round(minutes * 60_000));
      eta = { legId: leg.legId, etaAt: etaAt.toISOString() };
      if (!leg.etaAt || Math.abs(leg.etaAt.getTime() - etaAt.getTime()) >= ETA_CHANGE_MS) {
        // Only the ETA column: the leg's status and version belong to the trip use cases.
        await tx.update(legs).set({ etaAt }).where(eq(legs.id, leg.legId));
        const payload: LegEtaUpdated = {
          legId: leg.legId,
          tripId: leg.tripId,
          date: leg.date,
          vehicleId,
          stop: leg.stop,
          etaAt: etaAt.toISOString(),
          minutes: Math.round(minutes * 10) / 10,
        };
        events.push(
          await recordEvent(tx, {
            type: REALTIME_EVENT_TYPES.etaUpdated,
            payload: { ...payload },
            actorId: actor.accountId,
            recipients: [rooms.hospital(leg.hospitalId), rooms.compound(leg.compoundId)],
          }),
        );
      }
    }

    const position: VehiclePosition = {
      vehicleId,
      districtId: vehicle.districtId,
      lng: input.lng,
      lat: input.lat,
      accuracy: input.accuracy ?? null,
      heading: input.heading ?? null,
      speed: input.speed ?? null,
      recordedAt: new Date(input.recordedAt).toISOString(),
      receivedAt: now.toISOString(),
    };
    return { position, events, eta };
  });
}

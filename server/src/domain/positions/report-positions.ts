import { type Db, legs, queryRows } from '@lastmeter/db';
import {
  type LegEtaUpdated,
  type PositionInput,
  REALTIME_EVENT_TYPES,
  rooms,
  type VehicleKind,
  type VehiclePosition,
  type VehicleStale,
} from '@lastmeter/shared';
import { eq, sql } from 'drizzle-orm';
import { type AppError, errors, toAppError } from '../../errors.ts';
import type { TravelTimeModel } from '../../planner/domain/travel.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { type NewDomainEvent, type RecordedEvent, recordEvents } from '../events/record-event.ts';
import { loadActiveLegs } from './active-leg.ts';

/** A device clock this far ahead of the server is wrong, not early. */
const MAX_CLOCK_SKEW_MS = 60_000;
/** ETAs are pushed (durably) only when they move by at least this much, not on every report. */
const ETA_CHANGE_MS = 60_000;

/** One driver's report, as received. */
export interface PositionReport {
  actor: Actor;
  input: PositionInput;
  /** When the server received it: the per-vehicle interval is measured on it. */
  now: Date;
}

export interface ReportPositionsOptions {
  db: Db;
  reports: readonly PositionReport[];
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

/** Per report, in the order given: what was stored, or why it was refused. */
export type PositionOutcome = { ok: true; reported: ReportedPosition } | { ok: false; error: AppError };

interface Accepted {
  index: number;
  report: PositionReport;
  vehicleId: string;
  districtId: string;
  kind: VehicleKind;
}

/**
 * Drivers report where their vehicles are — many reports at once, in one transaction of a few
 * statements, so a node taking thousands of drivers every few seconds spends one round of queries per
 * batch rather than per report (server/src/realtime/position-intake.ts gathers them).
 *
 * The position itself is ephemeral for the wire (pushed to dispatch without a stream row: at one
 * report per vehicle every few seconds a durable log would be mostly noise, and `vehicles.last_*`
 * keeps the latest for anyone reloading). What follows from it is durable: a new ETA for the leg
 * being served, and the end of a stale flag.
 *
 * Each report is judged on its own: one refused (scope, interval, clock) does not hold the others
 * back. Of two reports of one vehicle in a batch only the later counts; the earlier is over the limit.
 */
export async function reportPositions({
  db,
  reports,
  travel,
  minIntervalMs,
}: ReportPositionsOptions): Promise<PositionOutcome[]> {
  const outcomes: Array<PositionOutcome | undefined> = reports.map(() => undefined);
  const refuse = (index: number, error: AppError) => {
    outcomes[index] = { ok: false, error };
  };
  const latest = new Map<string, number>();
  for (const [index, { actor, input, now }] of reports.entries()) {
    if (!actor.vehicleId) refuse(index, errors.forbidden('Only a driver with a vehicle reports positions'));
    else if (Date.parse(input.recordedAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
      refuse(index, errors.field('recordedAt', 'is in the future'));
    } else {
      const earlier = latest.get(actor.vehicleId);
      if (earlier !== undefined) refuse(earlier, errors.tooManyRequests(Math.ceil(minIntervalMs / 1000)));
      latest.set(actor.vehicleId, index);
    }
  }
  if (!latest.size) return outcomes as PositionOutcome[];

  const ids = [...latest.keys()].sort();
  const stored = await db.transaction(async (tx) => {
    // Row locks in id order: two batches (two nodes) sharing vehicles queue instead of deadlocking.
    const rows = await queryRows<{ id: string; district_id: string; kind: VehicleKind; was_stale: boolean }>(
      tx,
      sql`select id, district_id, kind, stale_since is not null as was_stale from vehicles
          where id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
          order by id for update`,
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    const candidates: Accepted[] = [];
    for (const [vehicleId, index] of latest) {
      const row = found.get(vehicleId);
      const report = reports[index]!;
      if (!row) {
        refuse(index, errors.notFound('vehicle'));
        continue;
      }
      try {
        await authorize(tx, report.actor, 'write', {
          kind: 'vehicle',
          districtId: row.district_id,
          vehicleId,
        });
        candidates.push({ index, report, vehicleId, districtId: row.district_id, kind: row.kind });
      } catch (error) {
        refuse(index, toAppError(error));
      }
    }
    if (!candidates.length) return [];

    // Raw SQL takes timestamps as ISO text: postgres.js does not serialise Date parameters there.
    // The rate limit is a condition of the update itself, so two devices or two nodes cannot both pass it.
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update vehicles v set last_lng = p.lng, last_lat = p.lat, last_seen_at = p.seen_at, stale_since = null
          from (values ${sql.join(
            candidates.map(
              ({ report: { input, now }, vehicleId }) =>
                sql`(${vehicleId}::uuid, ${input.lng}::float8, ${input.lat}::float8, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() - minIntervalMs).toISOString()}::timestamptz)`,
            ),
            sql`, `,
          )}) as p(id, lng, lat, seen_at, not_after)
          where v.id = p.id and (v.last_seen_at is null or v.last_seen_at <= p.not_after)
          returning v.id`,
    );
    const passed = new Set(updated.map((r) => r.id));
    const accepted: Accepted[] = [];
    for (const candidate of candidates) {
      if (passed.has(candidate.vehicleId)) accepted.push(candidate);
      else refuse(candidate.index, errors.tooManyRequests(Math.ceil(minIntervalMs / 1000)));
    }

    const activeLegs = await loadActiveLegs(
      tx,
      accepted.map((a) => a.vehicleId),
    );
    // Every event of the batch in one call: the stream heads are locked in one sorted pass.
    const toRecord: Array<{ at: number; event: NewDomainEvent }> = [];
    const results: Array<{ index: number; reported: ReportedPosition }> = [];
    for (const { index, report, vehicleId, districtId, kind } of accepted) {
      const { actor, input, now } = report;
      const at = results.length;
      if (found.get(vehicleId)?.was_stale) {
        const payload: VehicleStale = { vehicleId, districtId, stale: false, lastSeenAt: now.toISOString() };
        toRecord.push({
          at,
          event: {
            type: REALTIME_EVENT_TYPES.vehicleStale,
            payload: { ...payload },
            actorId: actor.accountId,
            recipients: [rooms.district(districtId)],
          },
        });
      }

      let eta: ReportedPosition['eta'] = null;
      const leg = activeLegs.get(vehicleId);
      if (leg) {
        const matrix = travel.minutes(
          [
            [input.lng, input.lat],
            [leg.stopLng, leg.stopLat],
          ],
          kind,
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
          toRecord.push({
            at,
            event: {
              type: REALTIME_EVENT_TYPES.etaUpdated,
              payload: { ...payload },
              actorId: actor.accountId,
              recipients: [rooms.hospital(leg.hospitalId), rooms.compound(leg.compoundId)],
            },
          });
        }
      }

      const position: VehiclePosition = {
        vehicleId,
        districtId,
        lng: input.lng,
        lat: input.lat,
        accuracy: input.accuracy ?? null,
        heading: input.heading ?? null,
        speed: input.speed ?? null,
        recordedAt: new Date(input.recordedAt).toISOString(),
        receivedAt: now.toISOString(),
      };
      results.push({ index, reported: { position, events: [], eta } });
    }
    if (toRecord.length) {
      const recorded = await recordEvents(
        tx,
        toRecord.map((r) => r.event),
      );
      for (const [i, { at }] of toRecord.entries()) results[at]!.reported.events.push(recorded[i]!);
    }
    return results;
  });
  for (const { index, reported } of stored) outcomes[index] = { ok: true, reported };
  return outcomes as PositionOutcome[];
}

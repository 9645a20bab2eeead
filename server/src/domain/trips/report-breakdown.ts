import { legs, vehicles } from '@lastmeter/db';
import {
  ABOARD_LEG_STATUSES,
  BOOKED_LEG_STATUSES,
  type BreakdownBody,
  type BreakdownResult,
  rooms,
} from '@lastmeter/shared';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { authorizeRecord } from '../authorize.ts';
import { releaseParcels } from '../deliveries/release-parcels.ts';
import { vehicleStatusEvent } from '../schedule/follow-legs.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import type { UseCase } from '../use-case.ts';
import { openIncident } from './open-incident.ts';
import { presentIncident } from './present-incident.ts';
import { replanTrips } from './replan-legs.ts';
import { unbookLeg } from './unbook-leg.ts';

/** Booked legs whose patient is not aboard yet: they leave the broken-down vehicle. */
const BOOKED_NOT_ABOARD = BOOKED_LEG_STATUSES.filter((s) => !ABOARD_LEG_STATUSES.includes(s));
/** Booked legs with the patient aboard: a rescue. */
const BOOKED_ABOARD = BOOKED_LEG_STATUSES.filter((s) => ABOARD_LEG_STATUSES.includes(s));

/**
 * A vehicle broke down (reported by its driver or dispatch): it goes `off`, its legs not yet on
 * board leave it and are re-planned onto other vehicles where they fit, and dispatch gets an
 * incident naming any patient still on board, who needs a rescue.
 */
export async function reportBreakdown(
  use: UseCase & { vehicleId: string; input: BreakdownBody },
): Promise<BreakdownResult> {
  const { db, actor, vehicleId, input, now, timeZone } = use;
  const [found] = await db.select().from(vehicles).where(eq(vehicles.id, vehicleId));
  const vehicle = await authorizeRecord(db, actor, {
    name: 'Vehicle',
    id: vehicleId,
    row: found,
    seen: (v) => ({ kind: 'vehicle', districtId: v.districtId, vehicleId }),
    action: 'write',
  });

  const { result } = await db.transaction(async (tx) => {
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    // The legs first, the vehicle after: the order every trip transaction locks them in.
    const affected = await loadLegContexts(
      tx,
      and(eq(legs.vehicleId, vehicleId), inArray(legs.status, BOOKED_NOT_ABOARD), gte(legs.bookedTo, now)),
      { lock: true },
    );
    const [before] = await tx
      .select({ status: vehicles.status })
      .from(vehicles)
      .where(eq(vehicles.id, vehicleId))
      .for('update');
    // A disinfection under way is not cut short by the breakdown (rule 3): it still ends when it ends.
    await tx.update(vehicles).set({ status: 'off' }).where(eq(vehicles.id, vehicleId));
    if (before && before.status !== 'off') {
      const off = vehicleStatusEvent({ ...vehicle, status: before.status }, 'off', null, actor.accountId);
      await events.add('vehicle.status_changed', off.payload, off.recipients);
    }
    const onBoard = await tx
      .select({ id: legs.id })
      .from(legs)
      .where(and(eq(legs.vehicleId, vehicleId), inArray(legs.status, BOOKED_ABOARD)));
    for (const ctx of affected) {
      await unbookLeg(tx, events, {
        actor,
        ctx,
        step: 'unassign',
        reason: 'breakdown',
        note: 'vehicle broke down',
        asRole: 'dispatcher',
      });
    }
    const parcels = await releaseParcels(tx, {
      vehicleId,
      plate: vehicle.plate,
      events,
      actorId: actor.accountId,
    });
    const reassigned: BreakdownResult['reassigned'] = [];
    const byDay = new Map<string, { districtId: string; date: string; tripIds: string[] }>();
    for (const ctx of affected) {
      const key = `${ctx.compound.districtId}|${ctx.request.date}`;
      const entry = byDay.get(key) ?? {
        districtId: ctx.compound.districtId,
        date: ctx.request.date,
        tripIds: [],
      };
      if (!entry.tripIds.includes(ctx.trip.id)) entry.tripIds.push(ctx.trip.id);
      byDay.set(key, entry);
    }
    for (const day of byDay.values()) {
      const commit = await replanTrips(tx, { actor, ...day, events, now });
      const moved = new Set(affected.map((c) => c.leg.id));
      for (const s of commit.served)
        if (moved.has(s.legId) && s.vehicleId !== vehicleId)
          reassigned.push({ legId: s.legId, vehicleId: s.vehicleId });
    }
    const incident = await openIncident(tx, {
      events,
      kind: 'breakdown',
      districtId: vehicle.districtId,
      vehicleId,
      reportedBy: actor.accountId,
      description: input.note,
      detail: {
        plate: vehicle.plate,
        unassigned: affected.map((c) => c.leg.id),
        onBoard: onBoard.map((l) => l.id),
        ...(parcels.length ? { parcelsReleased: parcels } : {}),
      },
      notify: [rooms.vehicle(vehicleId)],
    });
    return {
      result: { incident: presentIncident(incident), unassigned: affected.map((c) => c.leg.id), reassigned },
      events: await events.commit(),
    };
  });
  return result;
}

import { randomUUID } from 'node:crypto';
import { type Db, vehicles } from '@lastmeter/db';
import { type AssignLegBody, BOOKED_LEG_STATUSES, type LegView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { SERVICE_MINUTES } from '../../planner/domain/build.ts';
import type { LegContext } from '../schedule/load-leg.ts';
import { allowSoftRules } from '../schedule/schedule-gate.ts';
import type { TripEvents } from '../schedule/trip-events.ts';
import { minutes, travelMinutes } from '../travel/travel-model.ts';
import type { UseCase } from '../use-case.ts';
import { loadBookableVehicle } from '../vehicles/bookable-vehicle.ts';
import { bookedUntil, bookLeg, explainBookingConflict } from './book-leg.ts';
import { presentLeg } from './present-leg.ts';
import { authorizeLeg, inLockedLeg } from './step-leg.ts';
import { unbookLeg } from './unbook-leg.ts';

/**
 * Dispatch books a leg onto a vehicle by hand, or moves it to another vehicle (reassign: the old
 * driver's job is cancelled). An overlap with another booking of the vehicle, its driver or the
 * patient is refused by the database; the 409 names the leg it clashes with. The schedule gate
 * refuses a pickup before `now`.
 */
export async function assignLeg(use: UseCase & { legId: string; input: AssignLegBody }): Promise<LegView> {
  const { db, actor, legId, input, now, timeZone } = use;
  const seen = await authorizeLeg(db, actor, legId, 'manage');
  const { vehicle, driverId } = await loadBookableVehicle(db, input.vehicleId, seen.compound.districtId);
  const { pickupAt, dropoffAt } = plannedTimes(seen, input, vehicle.kind);
  if (dropoffAt <= pickupAt) throw errors.field('body.dropoffAt', 'must be after pickupAt');
  const runId = randomUUID();
  const booking = {
    vehicle: {
      id: vehicle.id,
      plate: vehicle.plate,
      kind: vehicle.kind,
      disinfectionMinutes: vehicle.disinfectionMinutes,
    },
    driverId,
    runId,
    pickupAt,
    dropoffAt,
  };
  try {
    // Bookings of one vehicle (and so of its driver) queue on the vehicle's row, before the leg's: the
    // booking exclusions are deferrable, so two assignments inserting at once would otherwise wait on
    // each other's rows and end in a deadlock instead of a 409 naming the clash.
    const lockVehicle = (tx: Db) =>
      tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.id, vehicle.id)).for('update');
    const ctx = await inLockedLeg(
      db,
      { actor, legId, now, timeZone, lockFirst: lockVehicle },
      async ({ tx, locked, events, audit }) => {
        if (input.override) {
          allowSoftRules(tx, input.override.rules);
          await audit('leg.override', {
            vehicleId: vehicle.id,
            rules: input.override.rules,
            reason: input.override.reason,
          });
        }
        let ctx = locked;
        let version = input.version;
        if ((BOOKED_LEG_STATUSES as readonly string[]).includes(ctx.leg.status)) {
          ctx = await unbookLeg(tx, events, {
            actor,
            ctx,
            step: 'unassign',
            reason: 'reassigned',
            note: `reassigned to ${vehicle.plate}`,
            version,
          });
          version = undefined;
        }
        ctx = await bookLeg(tx, { actor, ctx, booking, version, now, timeZone });
        await announceBooking(events, ctx);
        return ctx;
      },
    );
    return presentLeg(ctx);
  } catch (error) {
    throw await explainBookingConflict(db, error, {
      legId,
      patientId: seen.patient.id,
      vehicleId: vehicle.id,
      driverId,
      runId,
      from: pickupAt,
      to: bookedUntil(seen, dropoffAt, vehicle.disinfectionMinutes),
    });
  }
}

/** A new booking: the driver gets the job, dispatch and the gate see it, the hospital expects the patient. */
export async function announceBooking(events: TripEvents, ctx: LegContext): Promise<void> {
  await events.leg('job.assigned', ctx, ['vehicle', 'district', 'compound']);
  if (ctx.leg.direction === 'outbound') await events.leg('arrival.expected', ctx, ['hospital']);
}

/** The pickup and drop-off a manual assignment books: as given, else as planned, else as the planner would. */
export function plannedTimes(
  ctx: LegContext,
  input: Pick<AssignLegBody, 'pickupAt' | 'dropoffAt'>,
  kind: NonNullable<LegContext['vehicle']>['kind'],
) {
  const ride = minutes(
    travelMinutes(
      ctx.leg.direction === 'outbound' ? ctx.gate : ctx.hospital,
      ctx.leg.direction === 'outbound' ? ctx.hospital : ctx.gate,
      kind,
    ),
  );
  // Boarding takes its minutes before the ride starts (the planner's service times). Without times
  // given or planned, an outbound leg arrives as its appointment opens and a return leaves as its
  // window opens — as the planner would book it.
  const door = minutes(SERVICE_MINUTES[ctx.patient.mobility]) + Math.max(ride, minutes(5));
  const arriveBy =
    ctx.leg.direction === 'outbound' && ctx.leg.dropoffWindowStart
      ? new Date(ctx.leg.dropoffWindowStart.getTime() - door)
      : null;
  const pickupAt = input.pickupAt
    ? new Date(input.pickupAt)
    : (ctx.leg.plannedPickupAt ?? arriveBy ?? ctx.leg.pickupWindowStart ?? new Date());
  const dropoffAt = input.dropoffAt
    ? new Date(input.dropoffAt)
    : input.pickupAt
      ? new Date(pickupAt.getTime() + door)
      : (ctx.leg.plannedDropoffAt ?? new Date(pickupAt.getTime() + door));
  return { pickupAt, dropoffAt };
}

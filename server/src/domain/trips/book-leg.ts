import { type Db, legs, queryRows } from '@lastmeter/db';
import { BOOKED_LEG_STATUSES, leavesVehicleDirty } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { errors, toAppError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import type { LegContext } from '../schedule/load-leg.ts';
import { applyLegStep } from './apply-leg-step.ts';

export interface Booking {
  vehicle: {
    id: string;
    plate: string;
    kind: NonNullable<LegContext['vehicle']>['kind'];
    disinfectionMinutes: number;
  };
  driverId: string;
  runId: string;
  pickupAt: Date;
  dropoffAt: Date;
  /** When the vehicle is free again, after helping the patient off (default: the drop-off). */
  freeAt?: Date;
}

/** Disinfection after a passenger who leaves the vehicle dirty (rule 3, with 一客一消杀) is part of the booking. */
export function bookedUntil(ctx: LegContext, dropoffAt: Date, disinfectionMinutes: number): Date {
  const dirty = leavesVehicleDirty(ctx.patient, ctx.compound);
  return new Date(dropoffAt.getTime() + (dirty ? disinfectionMinutes * 60_000 : 0));
}

/** Books a planned (or declined) leg onto a vehicle, its driver and a run. The database refuses overlaps. */
export async function bookLeg(
  tx: Db,
  {
    actor,
    ctx,
    booking,
    version,
    note = '',
    asRole,
    now,
    timeZone,
  }: {
    actor: Actor;
    ctx: LegContext;
    booking: Booking;
    version?: number | undefined;
    note?: string;
    asRole?: Actor['role'];
    now: Date;
    timeZone: string;
  },
): Promise<LegContext> {
  const next = await applyLegStep(tx, {
    actor,
    ctx,
    step: 'assign',
    version,
    note,
    now,
    timeZone,
    ...(asRole ? { asRole } : {}),
    patch: {
      vehicleId: booking.vehicle.id,
      driverId: booking.driverId,
      runId: booking.runId,
      plannedPickupAt: booking.pickupAt,
      plannedDropoffAt: booking.dropoffAt,
      bookedFrom: booking.pickupAt,
      bookedTo: bookedUntil(ctx, booking.freeAt ?? booking.dropoffAt, booking.vehicle.disinfectionMinutes),
      etaAt: null,
    },
  });
  return { ...next, vehicle: booking.vehicle };
}

/** The fields that release a leg's vehicle, driver and run. */
export const UNBOOKED = {
  vehicleId: null,
  driverId: null,
  runId: null,
  bookedFrom: null,
  bookedTo: null,
  etaAt: null,
} satisfies Partial<typeof legs.$inferInsert>;

/**
 * An exclusion violation names only its constraint; dispatch needs to know WHAT it clashes with.
 * Runs after the failed transaction rolled back, so the clashing leg is read as committed.
 */
export async function explainBookingConflict(
  db: Db,
  error: unknown,
  attempt: {
    legId: string;
    patientId: string;
    vehicleId: string;
    driverId: string;
    runId: string;
    from: Date;
    to: Date;
  },
): Promise<Error> {
  const appError = toAppError(error);
  if (appError.code !== 'booking_conflict') return error instanceof Error ? error : appError;
  const booked = sql.join(
    BOOKED_LEG_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const [clash] = await queryRows<{
    id: string;
    trip_id: string;
    status: string;
    vehicle_id: string;
    driver_id: string;
    patient_id: string;
    booked_from: Date | string;
    booked_to: Date | string;
  }>(
    db,
    sql`select id, trip_id, status, vehicle_id, driver_id, patient_id, booked_from, booked_to from ${legs}
        where status::text in (${booked}) and id <> ${attempt.legId}
          and tstzrange(booked_from, booked_to, '[)') && tstzrange(${attempt.from.toISOString()}::timestamptz, ${attempt.to.toISOString()}::timestamptz, '[)')
          and ((vehicle_id = ${attempt.vehicleId} and run_id <> ${attempt.runId})
            or (driver_id = ${attempt.driverId} and run_id <> ${attempt.runId})
            or patient_id = ${attempt.patientId})
        order by booked_from limit 1`,
  );
  const constraint = (appError.extra.clash as { constraint?: string } | undefined)?.constraint;
  if (!clash) return errors.bookingConflict('Overlapping booking', { constraint });
  const on =
    clash.vehicle_id === attempt.vehicleId
      ? 'vehicle'
      : clash.driver_id === attempt.driverId
        ? 'driver'
        : 'patient';
  return errors.bookingConflict(`The ${on} is already booked then`, {
    constraint,
    on,
    legId: clash.id,
    tripId: clash.trip_id,
    status: clash.status,
    vehicleId: clash.vehicle_id,
    from: new Date(clash.booked_from).toISOString(),
    to: new Date(clash.booked_to).toISOString(),
  });
}

import { deliveries } from '@lastmeter/db';
import {
  type DeliveryStatus,
  type DeliveryStep,
  type DeliveryStepBody,
  type DeliveryView,
  type DriverDeliveryView,
  decideDeliveryStep,
  deliveryTimeRefusal,
} from '@lastmeter/shared';
import { and, eq, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import { loadDeliveryFor } from '../schedule/load-delivery.ts';
import type { UseCase } from '../use-case.ts';
import { deliveryEvent } from './delivery-events.ts';
import { presentDelivery, presentDriverDelivery } from './present-delivery.ts';

/** When each status was reached, kept on the delivery for the gate list and the audit of hand-overs. */
const STAMP: Partial<Record<DeliveryStatus, 'pickedUpAt' | 'atGateAt' | 'receivedAt' | 'deliveredAt'>> = {
  picked_up: 'pickedUpAt',
  at_gate: 'atGateAt',
  received: 'receivedAt',
  delivered: 'deliveredAt',
};

/**
 * One step on a medicine delivery: the driver collects it at the pharmacy and leaves it at the gate;
 * the gatekeeper confirms it arrived and hands it to the household (送药到户); the gatekeeper or
 * dispatch cancels one nobody has collected. Scope first (out of scope: 404), then the lifecycle's
 * role and status rules (403 / 409 naming the open steps), the clock (409 `step_not_open`: a parcel is
 * collected only on its own day), then the version the caller saw.
 */
export async function takeDeliveryStep(
  use: UseCase & { deliveryId: string; step: DeliveryStep; input: DeliveryStepBody },
): Promise<{ driver: DriverDeliveryView; full: DeliveryView | null }> {
  const { db, actor, deliveryId, step, input, now, timeZone } = use;
  return db.transaction(async (tx) => {
    const ctx = await loadDeliveryFor(tx, actor, deliveryId, 'write', { lock: true });
    const { delivery: d } = ctx;
    const verdict = decideDeliveryStep(step, d.status, actor.role);
    if (!verdict.ok) {
      if (verdict.reason === 'role') throw errors.forbidden(`A ${actor.role} cannot ${step} a delivery`);
      throw errors.invalidTransition(verdict.from, verdict.to, verdict.allowed);
    }
    // A parcel of another day is not collected (the server's clock, as for legs).
    const early = deliveryTimeRefusal(step, d, now, timeZone);
    if (early) throw errors.stepNotOpen(early);
    if (input.version !== undefined && input.version !== d.version)
      throw errors.conflict('The delivery changed since you last saw it', {
        deliveryId,
        currentVersion: d.version,
      });
    const cancelled = verdict.to === 'cancelled';
    const patch: Partial<typeof deliveries.$inferInsert> = { status: verdict.to, updatedAt: now };
    const stamp = STAMP[verdict.to];
    if (stamp) patch[stamp] = now;
    // A cancelled parcel leaves its vehicle: the driver's list and the schedule forget it.
    if (cancelled) {
      patch.vehicleId = null;
      patch.driverId = null;
      patch.plannedPickupAt = null;
      patch.plannedDropoffAt = null;
    }
    const [row] = await tx
      .update(deliveries)
      .set({ ...patch, version: sql`${deliveries.version} + 1` })
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.version, d.version)))
      .returning();
    if (!row) throw errors.conflict('The delivery changed since you last saw it', { deliveryId });
    const next = { ...ctx, delivery: row, vehicle: cancelled ? null : ctx.vehicle };
    await recordAudit(tx, {
      actor,
      action: `delivery.${step}`,
      entity: 'patient',
      entityId: ctx.patient.id,
      outcome: 'allowed',
      detail: {
        deliveryId,
        parcelNo: d.parcelNo,
        from: verdict.from,
        to: verdict.to,
        ...(input.note ? { note: input.note } : {}),
        ...(input.lng !== undefined ? { lng: input.lng, lat: input.lat } : {}),
      },
    });
    await recordEvents(tx, [
      deliveryEvent(next, actor.accountId, {
        ...(cancelled ? { previousVehicleId: d.vehicleId, reason: 'cancelled' } : {}),
      }),
    ]);
    return {
      driver: presentDriverDelivery(next),
      full: actor.role === 'driver' ? null : presentDelivery(next, actor),
    };
  });
}

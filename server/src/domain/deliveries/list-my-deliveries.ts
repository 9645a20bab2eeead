import { type Db, deliveries, vehicles } from '@lastmeter/db';
import { BOOKED_DELIVERY_STATUSES, type DriverDeliveryView } from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import { loadDeliveryContexts } from './load-delivery.ts';
import { presentDriverDelivery } from './present-delivery.ts';

/**
 * A driver's medicine deliveries still to do: planned on their vehicle or in it, in driving order.
 * Contactless: the masked name, the building and the parcel number only.
 */
export async function listMyDeliveries({
  db,
  actor,
}: {
  db: Db;
  actor: Actor;
}): Promise<DriverDeliveryView[]> {
  if (actor.role !== 'driver' || !actor.vehicleId)
    throw errors.forbidden('Only a driver with a vehicle has deliveries');
  const [vehicle] = await db
    .select({ districtId: vehicles.districtId })
    .from(vehicles)
    .where(eq(vehicles.id, actor.vehicleId));
  if (!vehicle) throw errors.notFound('Vehicle');
  await authorize(db, actor, 'read', {
    kind: 'vehicle',
    districtId: vehicle.districtId,
    vehicleId: actor.vehicleId,
  });
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(deliveries.vehicleId, actor.vehicleId), inArray(deliveries.status, [...BOOKED_DELIVERY_STATUSES])),
    { orderBy: sql`${deliveries.plannedPickupAt} asc nulls last, ${deliveries.id}` },
  );
  if (contexts.length)
    await recordAudit(
      db,
      contexts.map((c) => ({
        actor,
        action: 'delivery.read',
        entity: 'patient',
        entityId: c.patient.id,
        outcome: 'allowed' as const,
        detail: { deliveryId: c.delivery.id },
      })),
    );
  return contexts.map(presentDriverDelivery);
}

import { deliveries } from '@lastmeter/db';
import { BOOKED_DELIVERY_STATUSES, type DriverDeliveryView } from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordPatientReads } from '../record-audit.ts';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { Acting } from '../use-case.ts';
import { authorizeOwnVehicle } from '../vehicles/authorize-own-vehicle.ts';
import { presentDriverDelivery } from './present-delivery.ts';

/**
 * A driver's medicine deliveries still to do: planned on their vehicle or in it, in driving order.
 * Contactless: the masked name, the building and the parcel number only.
 */
export async function listMyDeliveries(use: Acting): Promise<DriverDeliveryView[]> {
  const { db, actor } = use;
  const vehicleId = await authorizeOwnVehicle(db, actor, 'deliveries');
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(deliveries.vehicleId, vehicleId), inArray(deliveries.status, [...BOOKED_DELIVERY_STATUSES])),
    { orderBy: sql`${deliveries.plannedPickupAt} asc nulls last, ${deliveries.id}` },
  );
  await recordPatientReads(
    db,
    actor,
    'delivery.read',
    contexts.map((c) => ({ patientId: c.patient.id, detail: { deliveryId: c.delivery.id } })),
  );
  return contexts.map(presentDriverDelivery);
}

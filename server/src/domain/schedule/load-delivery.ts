import {
  compounds,
  type Db,
  deliveries,
  gates,
  hospitals,
  patients,
  prescriptions,
  vehicles,
} from '@lastmeter/db';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeHidden } from '../authorize.ts';
import type { Action, Resource } from '../policies.ts';
import { gateStopColumns, hospitalStopColumns } from '../stops.ts';

/** A delivery with everything its presenters, rooms, planner and rules need, in one query. */
export interface DeliveryContext {
  delivery: typeof deliveries.$inferSelect;
  prescription: typeof prescriptions.$inferSelect;
  patient: { id: string; name: string; building: string; unit: string; infectionClass: string };
  compound: { id: string; name: string; districtId: string };
  gate: { id: string; name: string; lng: number; lat: number };
  /** The hospital's pharmacy is reached at its entrance, like every pickup there. */
  pharmacy: { id: string; name: string; lng: number; lat: number };
  vehicle: { id: string; plate: string; kind: (typeof vehicles.$inferSelect)['kind'] } | null;
}

const columns = {
  delivery: deliveries,
  prescription: prescriptions,
  patient: {
    id: patients.id,
    name: patients.name,
    building: patients.building,
    unit: patients.unit,
    infectionClass: patients.infectionClass,
  },
  compound: { id: compounds.id, name: compounds.name, districtId: compounds.districtId },
  gate: gateStopColumns,
  pharmacy: hospitalStopColumns,
  vehicleId: vehicles.id,
  vehiclePlate: vehicles.plate,
  vehicleKind: vehicles.kind,
};

/** Loads deliveries matching `where`; `lock` takes row locks on the deliveries (inside a transaction). */
export async function loadDeliveryContexts(
  db: Db,
  where: SQL | undefined,
  options: { lock?: boolean; orderBy?: SQL } = {},
): Promise<DeliveryContext[]> {
  const query = db
    .select(columns)
    .from(deliveries)
    .innerJoin(prescriptions, eq(prescriptions.id, deliveries.prescriptionId))
    .innerJoin(patients, eq(patients.id, deliveries.patientId))
    .innerJoin(compounds, eq(compounds.id, deliveries.compoundId))
    .innerJoin(gates, eq(gates.id, deliveries.gateId))
    .innerJoin(hospitals, eq(hospitals.id, deliveries.hospitalId))
    .leftJoin(vehicles, eq(vehicles.id, deliveries.vehicleId))
    .where(where)
    .orderBy(
      options.orderBy ??
        sql`coalesce(${deliveries.plannedDropoffAt}, ${deliveries.dropoffWindowStart}), ${deliveries.id}`,
    );
  const rows = options.lock ? await query.for('update', { of: deliveries }) : await query;
  return rows.map(({ vehicleId, vehiclePlate, vehicleKind, ...rest }) => ({
    ...rest,
    vehicle:
      vehicleId && vehiclePlate && vehicleKind
        ? { id: vehicleId, plate: vehiclePlate, kind: vehicleKind }
        : null,
  }));
}

/**
 * Loads a delivery for an actor: one outside their scope is "not found" (a driver must not learn that
 * another vehicle's parcel exists), and the refused look is audited, since a delivery names a patient.
 */
export async function loadDeliveryFor(
  db: Db,
  actor: Actor,
  deliveryId: string,
  action: Action,
  options: { lock?: boolean } = {},
): Promise<DeliveryContext> {
  const [ctx] = await loadDeliveryContexts(db, eq(deliveries.id, deliveryId), options);
  return authorizeHidden(
    db,
    actor,
    { name: 'Delivery', row: ctx, resource: deliveryResource, action },
    (found) => ({ action: `delivery.${action}`, patientId: found.patient.id, detail: { deliveryId } }),
  );
}

export function deliveryResource(ctx: DeliveryContext): Extract<Resource, { kind: 'delivery' }> {
  return {
    kind: 'delivery',
    districtId: ctx.compound.districtId,
    compoundId: ctx.compound.id,
    hospitalId: ctx.pharmacy.id,
    vehicleId: ctx.delivery.vehicleId,
  };
}

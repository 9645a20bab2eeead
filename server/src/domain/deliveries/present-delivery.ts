import type { DeliveryView, DriverDeliveryView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { maskName } from '../mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';
import type { DeliveryContext } from '../schedule/load-delivery.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What the driver sees, and what every delivery event carries: contactless — the masked name, the
 * building and the parcel number. No medicines, no unit or room, no ID or phone (issue 12).
 */
export function presentDriverDelivery(ctx: DeliveryContext): DriverDeliveryView {
  const { delivery: d } = ctx;
  return {
    id: d.id,
    date: d.date,
    status: d.status,
    version: d.version,
    parcelNo: d.parcelNo,
    recipient: { name: maskName(ctx.patient.name), building: ctx.patient.building },
    compound: { id: ctx.compound.id, name: ctx.compound.name },
    gate: ctx.gate,
    pharmacy: ctx.pharmacy,
    vehicle: ctx.vehicle,
    pickupWindow: [d.pickupWindowStart.toISOString(), d.pickupWindowEnd.toISOString()],
    dropoffWindow: [d.dropoffWindowStart.toISOString(), d.dropoffWindowEnd.toISOString()],
    plannedPickupAt: iso(d.plannedPickupAt),
    plannedDropoffAt: iso(d.plannedDropoffAt),
  };
}

/**
 * The gatekeeper's, dispatch's and the hospital's view: the prescription too. The name is in full only
 * for the patient's own compound's gatekeeper (`seesFullName`), who hands the parcel over.
 */
export function presentDelivery(ctx: DeliveryContext, viewer: Actor): DeliveryView {
  const { delivery: d, prescription: p } = ctx;
  const fullName = seesFullName(viewer, ctx.compound.id);
  return {
    ...presentDriverDelivery(ctx),
    patient: {
      id: ctx.patient.id,
      name: fullName ? ctx.patient.name : maskName(ctx.patient.name),
      building: ctx.patient.building,
      unit: ctx.patient.unit,
    },
    prescription: {
      id: p.id,
      source: p.source,
      onlineVisitId: p.onlineVisitId,
      items: p.items,
      note: p.note,
      issuedAt: p.issuedAt.toISOString(),
    },
    requestId: d.requestId,
    unserved: d.unservedReason ?? null,
    pickedUpAt: iso(d.pickedUpAt),
    atGateAt: iso(d.atGateAt),
    receivedAt: iso(d.receivedAt),
    deliveredAt: iso(d.deliveredAt),
  };
}

import type { LegDetailView, LegView } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { maskName } from '../mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';
import { carriedPatient } from '../schedule/leg-event-payload.ts';
import type { LegContext } from '../schedule/load-leg.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A leg as its viewer may see it: the name is masked unless the viewer is the patient's own
 * compound's gatekeeper (the patient presenters' rule, `seesFullName`); without a viewer, masked.
 * Pass the viewer explicitly (`contexts.map((c) => presentLeg(c, actor))`), never as a map callback.
 */
export function presentLeg(ctx: LegContext, viewer?: Actor): LegView {
  const { leg } = ctx;
  const fullName = viewer !== undefined && seesFullName(viewer, ctx.patient.compoundId);
  return {
    id: leg.id,
    tripId: leg.tripId,
    requestId: ctx.request.id,
    date: ctx.request.date,
    direction: leg.direction,
    status: leg.status,
    version: leg.version,
    released: leg.released,
    patient: {
      id: ctx.patient.id,
      ...carriedPatient(ctx, fullName ? ctx.patient.name : maskName(ctx.patient.name)),
    },
    compound: {
      id: ctx.compound.id,
      name: ctx.compound.name,
      disinfectAfterEveryPassenger: ctx.compound.disinfectAfterEveryPassenger,
    },
    gate: ctx.gate,
    hospital: ctx.hospital,
    vehicle: ctx.vehicle ? { id: ctx.vehicle.id, plate: ctx.vehicle.plate, kind: ctx.vehicle.kind } : null,
    returnMode: ctx.request.returnMode,
    service: ctx.request.service,
    urgency: ctx.request.urgency,
    appointmentWindow: [ctx.request.windowStart.toISOString(), ctx.request.windowEnd.toISOString()],
    inTreatment: ctx.inTreatment,
    pickupWindow: [iso(leg.pickupWindowStart), iso(leg.pickupWindowEnd)],
    dropoffWindow: [iso(leg.dropoffWindowStart), iso(leg.dropoffWindowEnd)],
    plannedPickupAt: iso(leg.plannedPickupAt),
    plannedDropoffAt: iso(leg.plannedDropoffAt),
    etaAt: iso(leg.etaAt),
    contacts: ctx.contacts,
  };
}

export function presentLegDetail(
  ctx: LegContext,
  history: Array<{
    at: Date;
    actorId: string | null;
    fromStatus: LegView['status'] | null;
    toStatus: LegView['status'];
    lng: number | null;
    lat: number | null;
    note: string;
  }>,
  viewer?: Actor,
): LegDetailView {
  return {
    ...presentLeg(ctx, viewer),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      actorId: h.actorId,
      from: h.fromStatus,
      to: h.toStatus,
      lng: h.lng,
      lat: h.lat,
      note: h.note,
    })),
  };
}

import type {
  InfectionClass,
  LegDetailView,
  LegEventExtra,
  LegEventPayload,
  LegView,
  PROTECTION_LEVELS,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import type { Actor } from '../actor.ts';
import { maskName } from '../mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';
import type { LegContext } from './load-leg.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the crew wears, from the infection class: the crew needs the precaution, not the diagnosis. */
export function protectionFor(infectionClass: InfectionClass): (typeof PROTECTION_LEVELS)[number] {
  switch (infectionClass) {
    case 'normal':
      return 'standard';
    case 'close_contact':
      return 'ppe';
    case 'positive':
      return 'full_ppe';
    default:
      return exhaustive(infectionClass);
  }
}

/** What every view of a leg says of the patient it carries: the name as shown, how they move, who comes along, what protects the crew. */
function carriedPatient(ctx: LegContext, name: string) {
  const { mobility, companions, infectionClass } = ctx.patient;
  return { name, mobility, companions, infectionClass, protection: protectionFor(infectionClass) };
}

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

/**
 * The small payload of every leg event: enough for a driver's job card, a gate list or an arrival
 * board, never the full identity (masked name, no ID number or phone).
 */
export function legEventPayload(ctx: LegContext, extra: LegEventExtra = {}): LegEventPayload {
  const { leg } = ctx;
  return {
    legId: leg.id,
    tripId: leg.tripId,
    date: ctx.request.date,
    direction: leg.direction,
    status: leg.status,
    version: leg.version,
    released: leg.released,
    patient: carriedPatient(ctx, maskName(ctx.patient.name)),
    compoundId: ctx.compound.id,
    gate: ctx.gate,
    hospital: ctx.hospital,
    vehicle: ctx.vehicle ? { id: ctx.vehicle.id, plate: ctx.vehicle.plate } : null,
    plannedPickupAt: iso(leg.plannedPickupAt),
    plannedDropoffAt: iso(leg.plannedDropoffAt),
    etaAt: iso(leg.etaAt),
    ...extra,
  };
}

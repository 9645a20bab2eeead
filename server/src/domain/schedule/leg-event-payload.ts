import type { InfectionClass, LegEventExtra, LegEventPayload, PROTECTION_LEVELS } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { maskName } from '../mask-identity.ts';
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

/**
 * What every view of a leg says of the patient it carries (its event payload, the leg views): the name
 * as shown, how they move, who comes along, what protects the crew.
 */
export function carriedPatient(ctx: LegContext, name: string) {
  const { mobility, companions, infectionClass } = ctx.patient;
  return { name, mobility, companions, infectionClass, protection: protectionFor(infectionClass) };
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

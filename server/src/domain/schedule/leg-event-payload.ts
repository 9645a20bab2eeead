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
    patient: {
      name: maskName(ctx.patient.name),
      mobility: ctx.patient.mobility,
      companions: ctx.patient.companions,
      infectionClass: ctx.patient.infectionClass,
      protection: protectionFor(ctx.patient.infectionClass),
    },
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

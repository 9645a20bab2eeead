import type { CareNeedView, PatientView, RevealedIdentity } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { maskName, maskNationalId, maskPhone } from '../mask-identity.ts';
import type { CareNeedRow, PatientRow } from './load-scope.ts';

/** The compound's own gatekeeper knows the residents by name; every other role sees names masked. */
export function seesFullName(actor: Actor, compoundId: string): boolean {
  return actor.role === 'gatekeeper' && actor.compoundIds.includes(compoundId);
}

export function presentCareNeed(row: CareNeedRow): CareNeedView {
  return {
    id: row.id,
    kind: row.kind,
    schedule: row.schedule,
    hospitalId: row.hospitalId,
    serveBy: row.serveBy,
    active: row.active,
    notes: row.notes,
  };
}

export function presentPatient(actor: Actor, row: PatientRow, needs: CareNeedRow[]): PatientView {
  const fullName = seesFullName(actor, row.compoundId);
  const name = (value: string) => (fullName ? value : maskName(value));
  return {
    id: row.id,
    compoundId: row.compoundId,
    gateId: row.gateId,
    name: name(row.name),
    nationalId: maskNationalId(row.nationalId),
    phone: maskPhone(row.phone),
    building: row.building,
    unit: row.unit,
    room: row.room,
    mobility: row.mobility,
    companions: row.companions,
    infectionClass: row.infectionClass,
    regularHospitalId: row.regularHospitalId,
    consent: row.consent
      ? {
          givenBy: name(row.consent.givenBy),
          relation: row.consent.relation,
          at: row.consent.at,
          purposes: row.consent.purposes,
          source: row.consent.source ?? null,
        }
      : null,
    status: row.status,
    source: row.source,
    rejectionReason: row.rejectionReason,
    notes: row.notes,
    needs: needs.map(presentCareNeed),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentRevealedIdentity(row: PatientRow): RevealedIdentity {
  return { id: row.id, name: row.name, nationalId: row.nationalId, phone: row.phone };
}

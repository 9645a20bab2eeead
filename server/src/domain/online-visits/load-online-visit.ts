import { compounds, type Db, hospitals, onlineVisits, patients, requests } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import type { Action } from '../policies.ts';

export type OnlineVisitRow = typeof onlineVisits.$inferSelect;

export interface LoadedVisit {
  visit: OnlineVisitRow;
  request: typeof requests.$inferSelect;
  patient: { id: string; name: string; compoundId: string };
  hospital: { id: string; name: string; phone: string };
  districtId: string;
}

/** Joins a visit with what its presentation and its scope need. */
export function visitQuery(db: Db) {
  return db
    .select({
      visit: onlineVisits,
      request: requests,
      patient: { id: patients.id, name: patients.name, compoundId: patients.compoundId },
      hospital: { id: hospitals.id, name: hospitals.name, phone: hospitals.phone },
      districtId: compounds.districtId,
    })
    .from(onlineVisits)
    .innerJoin(requests, eq(requests.id, onlineVisits.requestId))
    .innerJoin(patients, eq(patients.id, onlineVisits.patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .innerJoin(hospitals, eq(hospitals.id, onlineVisits.hospitalId));
}

export const visitResource = (v: LoadedVisit) => ({
  kind: 'online_visit' as const,
  districtId: v.districtId,
  compoundId: v.patient.compoundId,
  hospitalId: v.visit.hospitalId,
});

/**
 * Loads an online visit for `action`: 404 outside the caller's read scope, 403 inside
 * (`authorizeRecord`). Both are audited, as patient data.
 */
export async function loadVisitFor(
  db: Db,
  actor: Actor,
  visitId: string,
  action: Action,
  auditAction: string,
): Promise<LoadedVisit> {
  const [row] = await visitQuery(db).where(eq(onlineVisits.id, visitId));
  return authorizeRecord(
    db,
    actor,
    { name: 'Online visit', id: visitId, row, seen: visitResource, action },
    { entity: 'online_visit', action: auditAction },
  );
}

import { compounds, type Db, hospitals, onlineVisits, patients, requests } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

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
 * Loads an online visit for `action`. Outside the caller's read scope it does not exist for them (404);
 * inside it, an action the role may not take is a 403. Both are audited, as patient data.
 */
export async function loadVisitFor(
  db: Db,
  actor: Actor,
  visitId: string,
  action: Action,
  auditAction: string,
): Promise<LoadedVisit> {
  const [row] = await visitQuery(db).where(eq(onlineVisits.id, visitId));
  if (!row || !can(actor, 'read', visitResource(row))) {
    await recordAudit(db, {
      actor,
      action: auditAction,
      entity: 'online_visit',
      entityId: visitId,
      outcome: 'denied',
    });
    throw errors.notFound('Online visit');
  }
  await authorize(db, actor, action, visitResource(row), { entity: 'online_visit', entityId: visitId });
  return row;
}

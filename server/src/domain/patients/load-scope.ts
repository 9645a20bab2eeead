import { careNeeds, compounds, type Db, gates, patients } from '@lastmeter/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { authorize } from '../authorize.ts';
import { type Action, can } from '../policies.ts';

export type PatientRow = typeof patients.$inferSelect;
export type CareNeedRow = typeof careNeeds.$inferSelect;

export interface CompoundScope {
  id: string;
  districtId: string;
  name: string;
  selfRegistrationToken: string;
}

/**
 * A compound's district, name and self-registration token, or 404 — without authorizing: the caller
 * authorizes what it does with the compound (`loadCompoundFor` below). For a compound the actor acts
 * on as such (edit it, its gates), `server/src/domain/geo/load-compound.ts` loads and authorizes.
 */
export async function compoundScopeOf(db: Db, compoundId: string): Promise<CompoundScope> {
  const [row] = await db
    .select({
      id: compounds.id,
      districtId: compounds.districtId,
      name: compounds.name,
      selfRegistrationToken: compounds.selfRegistrationToken,
    })
    .from(compounds)
    .where(eq(compounds.id, compoundId));
  if (!row) throw errors.notFound('Compound');
  return row;
}

/** Loads a compound and authorizes `action` on its patients: the roster, a registration, an import. */
export async function loadCompoundFor(
  db: Db,
  actor: Actor,
  compoundId: string,
  action: 'read' | 'write',
  /** What was asked for, kept by the audit when the access is denied (identity masked by the caller). */
  asked: Record<string, unknown> = { compoundId },
): Promise<CompoundScope> {
  const compound = await compoundScopeOf(db, compoundId);
  await authorize(
    db,
    actor,
    action,
    { kind: 'patient', districtId: compound.districtId, compoundId },
    { entity: 'patient', detail: asked },
  );
  return compound;
}

/**
 * Loads a patient for `action`. Outside the caller's read scope the patient does not exist for them
 * (404, never a hint that it does); inside it, an action the role may not take is a 403. Both are audited.
 */
export async function loadPatientFor(
  db: Db,
  actor: Actor,
  patientId: string,
  action: Action,
  auditAction: string,
): Promise<{ patient: PatientRow; districtId: string }> {
  const [row] = await db
    .select({ patient: patients, districtId: compounds.districtId })
    .from(patients)
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(eq(patients.id, patientId));
  const resource = row && {
    kind: 'patient' as const,
    districtId: row.districtId,
    compoundId: row.patient.compoundId,
  };
  if (!row || !resource || !can(actor, 'read', resource)) {
    await recordAudit(db, {
      actor,
      action: auditAction,
      entity: 'patient',
      entityId: patientId,
      outcome: 'denied',
    });
    throw errors.notFound('Patient');
  }
  await authorize(db, actor, action, resource, { entity: 'patient', entityId: patientId });
  return row;
}

export async function needsOf(db: Db, patientIds: string[]): Promise<Map<string, CareNeedRow[]>> {
  const map = new Map<string, CareNeedRow[]>();
  if (patientIds.length === 0) return map;
  const rows = await db
    .select()
    .from(careNeeds)
    .where(inArray(careNeeds.patientId, patientIds))
    .orderBy(asc(careNeeds.createdAt));
  for (const r of rows) map.set(r.patientId, [...(map.get(r.patientId) ?? []), r]);
  return map;
}

/** The gate a patient leaves by: the one asked for if it belongs to the compound, else the compound's first gate. */
export async function resolveGate(
  db: Db,
  compoundId: string,
  gateId: string | null | undefined,
): Promise<string | null | 'invalid'> {
  const rows = await db
    .select({ id: gates.id })
    .from(gates)
    .where(eq(gates.compoundId, compoundId))
    .orderBy(asc(gates.name));
  if (gateId) return rows.some((g) => g.id === gateId) ? gateId : 'invalid';
  return rows[0]?.id ?? null;
}

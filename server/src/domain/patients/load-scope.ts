import { careNeeds, compounds, type Db, gates, patients } from '@lastmeter/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorizeRecord } from '../authorize.ts';
import type { Action, Resource } from '../policies.ts';

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
 * authorizes what it does with the compound (`loadCompoundForPatients` below). For a compound the actor acts
 * on as such (edit it, its gates), `server/src/domain/districts/load-compound.ts` (`loadCompound`) loads and authorizes.
 */
export async function compoundScopeOf(db: Db, compoundId: string): Promise<CompoundScope> {
  const row = await findCompoundScope(db, compoundId);
  if (!row) throw errors.notFound('Compound');
  return row;
}

async function findCompoundScope(db: Db, compoundId: string): Promise<CompoundScope | undefined> {
  const [row] = await db
    .select({
      id: compounds.id,
      districtId: compounds.districtId,
      name: compounds.name,
      selfRegistrationToken: compounds.selfRegistrationToken,
    })
    .from(compounds)
    .where(eq(compounds.id, compoundId));
  return row;
}

/**
 * A compound named by id, authorized for `action` on what the use case does with it (`on`: its
 * requests, its patients …; by default the compound itself). Outside the caller's read scope it does not exist for them
 * (404, `authorizeRecord`); with `audit`, refusals are audited.
 */
export async function authorizeCompound(
  db: Db,
  actor: Actor,
  compoundId: string,
  action: Action,
  on?: (compound: CompoundScope) => Resource,
  audit?: { entity: string; action?: string; detail?: Record<string, unknown> },
): Promise<CompoundScope> {
  return authorizeRecord(
    db,
    actor,
    {
      name: 'Compound',
      id: compoundId,
      row: await findCompoundScope(db, compoundId),
      seen: (c) => ({ kind: 'compound', districtId: c.districtId, compoundId: c.id }),
      action,
      ...(on ? { resource: on } : {}),
    },
    audit,
  );
}

/** Loads a compound and authorizes `action` on its patients: the roster, a registration, an import. */
export async function loadCompoundForPatients(
  db: Db,
  actor: Actor,
  compoundId: string,
  action: 'read' | 'write',
  /** What was asked for, kept by the audit when the access is denied (identity masked by the caller). */
  asked: Record<string, unknown> = { compoundId },
): Promise<CompoundScope> {
  return authorizeCompound(
    db,
    actor,
    compoundId,
    action,
    (c) => ({ kind: 'patient', districtId: c.districtId, compoundId: c.id }),
    { entity: 'patient', action, detail: asked },
  );
}

/** Loads a patient for `action`: 404 outside the caller's read scope, 403 inside (`authorizeRecord`); both audited. */
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
  return authorizeRecord(
    db,
    actor,
    {
      name: 'Patient',
      id: patientId,
      row,
      seen: (r) => ({ kind: 'patient', districtId: r.districtId, compoundId: r.patient.compoundId }),
      action,
    },
    { entity: 'patient', action: auditAction },
  );
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

import { careNeeds, patients } from '@lastmeter/db';
import type { PatientList, PatientListQuery } from '@lastmeter/shared';
import { and, asc, count, eq, exists, ilike, type SQL } from 'drizzle-orm';
import { maskedSearch } from '../audit/mask-search.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadCompoundForPatients, needsOf } from './load-scope.ts';
import { presentPatient } from './present-patient.ts';

/** A compound's patients (底数清), filtered by need kind, status and name. The read is audited. */
export async function listPatients(
  use: Acting & { compoundId: string; query: PatientListQuery },
): Promise<PatientList> {
  const { db, actor, compoundId, query } = use;
  const { q, ...filtersAsked } = query;
  // What was asked, as the audit keeps it (allowed or denied): the search term masked.
  const asked = { compoundId, query: filtersAsked, ...(q ? { search: maskedSearch(q) } : {}) };
  await loadCompoundForPatients(db, actor, compoundId, 'read', asked);
  const filters: SQL[] = [eq(patients.compoundId, compoundId)];
  if (query.status) filters.push(eq(patients.status, query.status));
  if (query.q) filters.push(ilike(patients.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.kind) {
    filters.push(
      exists(
        db
          .select({ one: careNeeds.id })
          .from(careNeeds)
          .where(
            and(
              eq(careNeeds.patientId, patients.id),
              eq(careNeeds.kind, query.kind),
              eq(careNeeds.active, true),
            ),
          ),
      ),
    );
  }
  const where = and(...filters);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(patients)
      .where(where)
      .orderBy(asc(patients.building), asc(patients.unit), asc(patients.room), asc(patients.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(patients).where(where),
  ]);
  const needs = await needsOf(
    db,
    rows.map((r) => r.id),
  );
  await recordAudit(db, {
    actor,
    action: 'list',
    entity: 'patient',
    entityId: null,
    outcome: 'allowed',
    detail: { ...asked, patientIds: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => presentPatient(actor, r, needs.get(r.id) ?? [])),
    total: totals[0]?.n ?? 0,
  };
}

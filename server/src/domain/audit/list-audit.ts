import { accounts, auditLog } from '@lastmeter/db';
import type { AuditEntry, AuditQuery } from '@lastmeter/shared';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { idsOf, loadAuditNames } from './audit-names.ts';

/** Admins read the audit trail: who looked at or changed which record. */
export async function listAudit(use: Acting & { query: AuditQuery }): Promise<AuditEntry[]> {
  const { db, actor, query } = use;
  await authorize(db, actor, 'read', { kind: 'accounts' }, { entity: 'audit_log' });
  const filters: SQL[] = [];
  if (query.entity) filters.push(eq(auditLog.entity, query.entity));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.before) filters.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({ entry: auditLog, actorName: accounts.displayName })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
  // Accounts are staff (admin, dispatcher, gatekeeper, driver, hospital desk): the actor is named by the
  // account's display name. The records an entry names read as names too; a patient only masked, as
  // every staff screen shows one — and that read is itself on the record.
  const { names, patients } = await loadAuditNames(
    db,
    rows.flatMap(({ entry }) => idsOf(entry)),
  );
  if (patients > 0) {
    await recordAudit(db, {
      actor,
      action: 'audit_names.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { patients },
    });
  }
  return rows.map(({ entry: r, actorName }) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    actorName: actorName ?? null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    outcome: r.outcome,
    detail: r.detail,
    entityName: r.entityId ? (names.get(r.entityId) ?? null) : null,
    names: Object.fromEntries(
      idsOf(r).flatMap(({ id }) => (names.has(id) ? [[id, names.get(id) ?? '']] : [])),
    ),
  }));
}

import { accounts, auditLog, type Db } from '@lastmeter/db';
import type { AuditEntry, AuditQuery } from '@lastmeter/shared';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';

/** Admins read the audit trail: who looked at or changed which record. */
export async function listAudit({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: AuditQuery;
}): Promise<AuditEntry[]> {
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
  // Accounts are staff (admin, dispatcher, gatekeeper, driver, hospital desk), never patients: the name
  // shown is the account's display name, and the detail carries ids only, so no patient identity leaks.
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
  }));
}

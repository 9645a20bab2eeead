import { auditLog, type Db } from '@lastmeter/db';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  entity: string;
  entityId?: string | null;
  outcome: 'allowed' | 'denied';
  detail?: Record<string, unknown>;
  ip?: string;
}

/** Appends to the audit log (docs/product.md rule 9). Pass the transaction so the record commits with the change. */
export async function recordAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.insert(auditLog).values(
    list.map((e) => ({
      actorId: e.actor?.accountId ?? null,
      actorRole: e.actor?.role ?? 'anonymous',
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      outcome: e.outcome,
      detail: e.detail ?? {},
      ip: e.ip ?? e.actor?.ip ?? '',
    })),
  );
}

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

/**
 * Audits what a list showed: one allowed `action` on each patient of `shown`, with its detail (which
 * leg, which delivery). Nothing is written for an empty list.
 */
export async function recordPatientReads(
  db: Db,
  actor: Actor,
  action: string,
  shown: readonly { patientId: string; detail: Record<string, unknown> }[],
): Promise<void> {
  await recordAudit(
    db,
    shown.map(({ patientId, detail }) => ({
      actor,
      action,
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail,
    })),
  );
}

/**
 * Audits a list that showed patients as one row: what was listed (`detail`: which compound, district
 * or hospital, which day, how many). Nothing is written when the list showed nobody.
 */
export async function recordListRead(
  db: Db,
  actor: Actor,
  action: string,
  shown: number,
  detail: Record<string, unknown>,
): Promise<void> {
  if (shown === 0) return;
  await recordAudit(db, { actor, action, entity: 'patient', entityId: null, outcome: 'allowed', detail });
}

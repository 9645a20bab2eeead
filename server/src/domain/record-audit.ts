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

/**
 * Audits an update of a record as it is presented: `before` → `after` of the fields that changed,
 * beside `detail` (what names the record). An update that changed nothing is audited only when
 * `unchanged` says so.
 */
export async function recordUpdate<V extends object>(
  db: Db,
  actor: Actor,
  update: {
    entity: string;
    entityId: string;
    before: V;
    after: V;
    detail?: Record<string, unknown>;
    unchanged?: 'audit' | 'skip';
  },
): Promise<void> {
  const { before, after } = update;
  const changed = (Object.keys(after) as (keyof V)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (!changed.length && update.unchanged !== 'audit') return;
  await recordAudit(db, {
    actor,
    action: 'update',
    entity: update.entity,
    entityId: update.entityId,
    outcome: 'allowed',
    detail: {
      ...update.detail,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    },
  });
}

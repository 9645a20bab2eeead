import type { Db } from '@lastmeter/db';
import { errors } from '../errors.ts';
import type { Actor } from './actor.ts';
import { type Action, can, type Resource } from './policies.ts';
import { recordAudit } from './record-audit.ts';

/**
 * The first line of every use case: throws 403 when the policy says no. Denials on patient data are
 * audited too — a refused look is as telling as an allowed one.
 */
export async function authorize(
  db: Db,
  actor: Actor,
  action: Action,
  resource: Resource,
  audit?: { entity: string; entityId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  if (can(actor, action, resource)) return;
  if (audit) {
    await recordAudit(db, {
      actor,
      action,
      entity: audit.entity,
      entityId: audit.entityId ?? null,
      outcome: 'denied',
      ...(audit.detail ? { detail: audit.detail } : {}),
    });
  }
  throw errors.forbidden();
}

/**
 * The first step of a use case on a record the caller named by id: a record outside the caller's read
 * scope does not exist for them — the same 404 as an id that matches nothing, so ids cannot be probed
 * across districts, compounds, hospitals or vehicles —; inside it, an action the role may not take is
 * a 403 (ARCHITECTURE.md "Authorization first"). Every loader of a record by id decides here, and
 * returns the row it was given once it may be used.
 */
export async function authorizeRecord<T>(
  db: Db,
  actor: Actor,
  record: {
    /** The record's name in the 404 ("Compound", "Trip"). */
    name: string;
    id: string;
    /** The row the id matched, if any. */
    row: T | undefined;
    /** How the row is read: its kind and scope. */
    seen: (row: T) => Resource;
    action: Action;
    /** What the action acts on, when not the record as read (a request's district's dispatch). */
    resource?: (row: T) => Resource;
  },
  /** For patient data: both refusals are audited, under `action` (default: the policy's action). */
  audit?: { entity: string; entityId?: string; action?: string; detail?: Record<string, unknown> },
): Promise<T> {
  const { row } = record;
  const visible = row !== undefined && can(actor, 'read', record.seen(row));
  if (visible && can(actor, record.action, (record.resource ?? record.seen)(row))) return row;
  if (audit) {
    await recordAudit(db, {
      actor,
      action: audit.action ?? record.action,
      entity: audit.entity,
      entityId: audit.entityId ?? record.id,
      outcome: 'denied',
      ...(audit.detail ? { detail: audit.detail } : {}),
    });
  }
  throw visible ? errors.forbidden() : errors.notFound(record.name);
}

/**
 * A record by id whose very existence the refusal hides (a leg, a delivery: a driver must not learn
 * that another vehicle's job exists): no row, or an `action` the policy refuses on it, is the same
 * 404, and a refused look is audited on the record's patient, since it names one.
 */
export async function authorizeHidden<T>(
  db: Db,
  actor: Actor,
  record: {
    /** The record's name in the 404 ("Leg", "Delivery"). */
    name: string;
    row: T | undefined;
    resource: (row: T) => Resource;
    action: Action;
  },
  /** The audit row of a refusal: its action, the patient it names and what was asked. */
  denied: (row: T) => { action: string; patientId: string; detail: Record<string, unknown> },
): Promise<T> {
  const { row } = record;
  if (row === undefined) throw errors.notFound(record.name);
  if (can(actor, record.action, record.resource(row))) return row;
  const { action, patientId, detail } = denied(row);
  await recordAudit(db, { actor, action, entity: 'patient', entityId: patientId, outcome: 'denied', detail });
  throw errors.notFound(record.name);
}

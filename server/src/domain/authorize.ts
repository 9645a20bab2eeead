import type { Db } from '@lastmeter/db';
import { errors } from '../errors.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit/record-audit.ts';
import { type Action, can, type Resource } from './policies.ts';

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

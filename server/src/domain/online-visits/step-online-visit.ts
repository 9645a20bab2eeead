import { type Db, onlineVisits } from '@lastmeter/db';
import type { OnlineVisitView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { type NewDomainEvent, recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { type LoadedVisit, loadVisitFor, type OnlineVisitRow } from './load-online-visit.ts';
import { onlineVisitEvent, presentOnlineVisit, type VisitEventType } from './present-online-visit.ts';

/** One step of an online visit's life: from which status to which, by whom, audited as what. */
export interface VisitStepRule {
  /** The audit action, also of a refused load. */
  action: string;
  /** `write`: the gate's, dispatch's or the desk's step; `manage`: the desk's own (start, outcome). */
  access: 'write' | 'manage';
  from: OnlineVisitRow['status'];
  to: string;
}

/**
 * The first step of every change to an online visit: the visit loaded for the rule's access (404
 * outside the caller's scope, 403 inside, audited) and still in the status the step starts from.
 */
export async function loadVisitToStep(
  use: Acting & { visitId: string },
  rule: VisitStepRule,
): Promise<LoadedVisit> {
  const loaded = await loadVisitFor(use.db, use.actor, use.visitId, rule.access, rule.action);
  if (loaded.visit.status !== rule.from)
    throw errors.invalidTransition(loaded.visit.status, rule.to, [rule.from]);
  return loaded;
}

/**
 * Writes the step inside its transaction: the visit row changed only if it is still in the rule's
 * `from` status (a step that lost a race to another is a 409, and writes nothing).
 */
export async function changeVisit(
  tx: Db,
  loaded: LoadedVisit,
  rule: VisitStepRule,
  set: Partial<typeof onlineVisits.$inferInsert>,
): Promise<OnlineVisitRow> {
  const [row] = await tx
    .update(onlineVisits)
    .set(set)
    .where(and(eq(onlineVisits.id, loaded.visit.id), eq(onlineVisits.status, rule.from)))
    .returning();
  if (!row) throw errors.invalidTransition('changed', rule.to, [rule.from]);
  return row;
}

/**
 * The last of every step, in its transaction: the audit row on the visit's patient, the step's event
 * (after any `events` of its own) recorded, and the visit as it now is, presented to the caller.
 */
export async function recordVisitStep(
  tx: Db,
  use: Acting & { visitId: string },
  rule: VisitStepRule,
  step: {
    next: LoadedVisit;
    event: VisitEventType;
    detail: Record<string, unknown>;
    extra?: { previousStartsAt?: string };
    events?: NewDomainEvent[];
  },
): Promise<OnlineVisitView> {
  const { actor, visitId } = use;
  await recordAudit(tx, {
    actor,
    action: rule.action,
    entity: 'patient',
    entityId: step.next.visit.patientId,
    outcome: 'allowed',
    detail: { visitId, ...step.detail },
  });
  await recordEvents(tx, [
    ...(step.events ?? []),
    onlineVisitEvent(step.event, step.next, actor.accountId, step.extra),
  ]);
  return presentOnlineVisit(actor, step.next);
}

import { onlineVisits, requests } from '@lastmeter/db';
import type { CancelOnlineVisitBody, OnlineVisitView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadVisitFor } from './load-online-visit.ts';
import { onlineVisitEvent, presentOnlineVisit } from './present-online-visit.ts';

/**
 * The gatekeeper, dispatch or the hospital desk cancels a booked online visit: its place in the slot
 * is free again, and the request is left `unserved` with reason `visit_cancelled` — the gate books it
 * again or chooses another way (a visit already held cannot be cancelled, only ended with its outcome).
 * The household is told (`visit_cancelled`, docs/realtime.md "Projectors").
 */
export async function cancelOnlineVisit(
  use: Acting & { visitId: string; input: CancelOnlineVisitBody; now?: Date },
): Promise<OnlineVisitView> {
  const { db, actor, visitId, input, now = new Date() } = use;
  const loaded = await loadVisitFor(db, actor, visitId, 'write', 'cancel_online_visit');
  const { visit } = loaded;
  if (visit.status !== 'booked') throw errors.invalidTransition(visit.status, 'cancelled', ['booked']);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(onlineVisits)
      .set({ status: 'cancelled', note: input.note, endedAt: now, endedBy: actor.accountId, updatedAt: now })
      .where(and(eq(onlineVisits.id, visitId), eq(onlineVisits.status, 'booked')))
      .returning();
    if (!row) throw errors.invalidTransition('changed', 'cancelled', ['booked']);
    const [request] = await tx
      .update(requests)
      .set({ status: 'unserved', matchReason: { code: 'visit_cancelled' } })
      .where(eq(requests.id, visit.requestId))
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'cancel_online_visit',
      entity: 'patient',
      entityId: visit.patientId,
      outcome: 'allowed',
      detail: { visitId, requestId: visit.requestId, ...(input.note ? { note: input.note } : {}) },
    });
    const next = { ...loaded, visit: row, request: request ?? loaded.request };
    await recordEvents(tx, [onlineVisitEvent('online_visit.cancelled', next, actor.accountId)]);
    return presentOnlineVisit(actor, next);
  });
}

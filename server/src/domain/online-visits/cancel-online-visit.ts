import { requests } from '@lastmeter/db';
import type { CancelOnlineVisitBody, OnlineVisitView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { changeVisit, loadVisitToStep, recordVisitStep, type VisitStepRule } from './step-online-visit.ts';

const CANCEL: VisitStepRule = {
  action: 'cancel_online_visit',
  access: 'write',
  from: 'booked',
  to: 'cancelled',
};

/**
 * The gatekeeper, dispatch or the hospital desk cancels a booked online visit: its place in the slot
 * is free again, and the request is left `unserved` with reason `visit_cancelled` — the gate books it
 * again or chooses another way (a visit already held cannot be cancelled, only ended with its outcome).
 * The household is told (`visit_cancelled`, docs/realtime.md "Projectors").
 */
export async function cancelOnlineVisit(
  use: Acting & { visitId: string; input: CancelOnlineVisitBody; now?: Date },
): Promise<OnlineVisitView> {
  const { db, actor, input, now = new Date() } = use;
  const loaded = await loadVisitToStep(use, CANCEL);
  const { visit } = loaded;
  return db.transaction(async (tx) => {
    const row = await changeVisit(tx, loaded, CANCEL, {
      status: 'cancelled',
      note: input.note,
      endedAt: now,
      endedBy: actor.accountId,
      updatedAt: now,
    });
    const [request] = await tx
      .update(requests)
      .set({ status: 'unserved', matchReason: { code: 'visit_cancelled' } })
      .where(eq(requests.id, visit.requestId))
      .returning();
    return recordVisitStep(tx, use, CANCEL, {
      next: { ...loaded, visit: row, request: request ?? loaded.request },
      event: 'online_visit.cancelled',
      detail: { requestId: visit.requestId, ...(input.note ? { note: input.note } : {}) },
    });
  });
}

import { onlineVisits } from '@lastmeter/db';
import { cityDateOf, cityDayStart, type OnlineVisitView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { loadVisitFor } from './load-online-visit.ts';
import { onlineVisitEvent, presentOnlineVisit } from './present-online-visit.ts';

/** The hospital desk starts a booked online visit: on its own day only (a visit of another day cannot be held). */
export async function startOnlineVisit(use: UseCase & { visitId: string }): Promise<OnlineVisitView> {
  const { db, actor, visitId, now, timeZone } = use;
  const loaded = await loadVisitFor(db, actor, visitId, 'manage', 'start_online_visit');
  const { visit } = loaded;
  if (visit.status !== 'booked') throw errors.invalidTransition(visit.status, 'in_progress', ['booked']);
  const today = cityDateOf(now, timeZone);
  if (visit.date !== today)
    throw errors.stepNotOpen({
      rule: 'another_day',
      opensAt: visit.date > today ? cityDayStart(visit.date, timeZone).toISOString() : null,
    });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(onlineVisits)
      .set({ status: 'in_progress', startedAt: now, updatedAt: now })
      .where(and(eq(onlineVisits.id, visitId), eq(onlineVisits.status, 'booked')))
      .returning();
    if (!row) throw errors.invalidTransition('changed', 'in_progress', ['booked']);
    const next = { ...loaded, visit: row };
    await recordAudit(tx, {
      actor,
      action: 'start_online_visit',
      entity: 'patient',
      entityId: row.patientId,
      outcome: 'allowed',
      detail: { visitId },
    });
    await recordEvents(tx, [onlineVisitEvent('online_visit.started', next, actor.accountId)]);
    return presentOnlineVisit(actor, next);
  });
}

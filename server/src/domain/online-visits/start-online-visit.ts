import { cityDateOf, cityDayStart, type OnlineVisitView } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { changeVisit, loadVisitToStep, recordVisitStep, type VisitStepRule } from './step-online-visit.ts';

const START: VisitStepRule = {
  action: 'start_online_visit',
  access: 'manage',
  from: 'booked',
  to: 'in_progress',
};

/** The hospital desk starts a booked online visit: on its own day only (a visit of another day cannot be held). */
export async function startOnlineVisit(use: UseCase & { visitId: string }): Promise<OnlineVisitView> {
  const { db, now, timeZone } = use;
  const loaded = await loadVisitToStep(use, START);
  const { visit } = loaded;
  const today = cityDateOf(now, timeZone);
  if (visit.date !== today)
    throw errors.stepNotOpen({
      rule: 'another_day',
      opensAt: visit.date > today ? cityDayStart(visit.date, timeZone).toISOString() : null,
    });
  return db.transaction(async (tx) => {
    const row = await changeVisit(tx, loaded, START, {
      status: 'in_progress',
      startedAt: now,
      updatedAt: now,
    });
    return recordVisitStep(tx, use, START, {
      next: { ...loaded, visit: row },
      event: 'online_visit.started',
      detail: {},
    });
  });
}

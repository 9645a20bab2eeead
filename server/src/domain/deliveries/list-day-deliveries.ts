import { deliveries } from '@lastmeter/db';
import { cityDateOf, type DeliveryView } from '@lastmeter/shared';
import { and, eq, type SQL } from 'drizzle-orm';
import { recordListRead } from '../record-audit.ts';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { UseCase } from '../use-case.ts';
import { presentDelivery } from './present-delivery.ts';

/**
 * The deliveries of a day (today in the city by default) within `scope` — a compound's, a district's —
 * presented, and the read audited with the scope: the list the caller has been authorized for.
 */
export async function listDayDeliveries(
  use: UseCase & { date?: string | undefined },
  scope: { where: SQL; detail: Record<string, string> },
): Promise<DeliveryView[]> {
  const { db, actor, date, timeZone, now } = use;
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadDeliveryContexts(db, and(scope.where, eq(deliveries.date, day)));
  await recordListRead(db, actor, 'deliveries.read', contexts.length, {
    ...scope.detail,
    date: day,
    deliveries: contexts.length,
  });
  return contexts.map((c) => presentDelivery(c, actor));
}

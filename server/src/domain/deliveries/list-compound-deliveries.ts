import { deliveries } from '@lastmeter/db';
import { cityDateOf, type DeliveryView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { authorizeCompound } from '../patients/load-scope.ts';
import { recordListRead } from '../record-audit.ts';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { UseCase } from '../use-case.ts';
import { presentDelivery } from './present-delivery.ts';

/**
 * The medicines coming to a compound's gate on a day (送药到户): what is on its way, at the gate, handed
 * over, or still waiting for a vehicle and why — the gatekeeper's list and dispatch's view of it.
 */
export async function listCompoundDeliveries(
  use: UseCase & { compoundId: string; date?: string | undefined },
): Promise<DeliveryView[]> {
  const { db, actor, compoundId, date, timeZone, now } = use;
  await authorizeCompound(db, actor, compoundId, 'read');
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(deliveries.compoundId, compoundId), eq(deliveries.date, day)),
  );
  await recordListRead(db, actor, 'deliveries.read', contexts.length, {
    compoundId,
    date: day,
    deliveries: contexts.length,
  });
  return contexts.map((c) => presentDelivery(c, actor));
}

import { type Db, deliveries } from '@lastmeter/db';
import { cityDateOf, type DeliveryView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeCompound } from '../patients/load-scope.ts';
import { recordAudit } from '../record-audit.ts';
import { loadDeliveryContexts } from './load-delivery.ts';
import { presentDelivery } from './present-delivery.ts';

/**
 * The medicines coming to a compound's gate on a day (送药到户): what is on its way, at the gate, handed
 * over, or still waiting for a vehicle and why — the gatekeeper's list and dispatch's view of it.
 */
export async function listCompoundDeliveries({
  db,
  actor,
  compoundId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<DeliveryView[]> {
  await authorizeCompound(db, actor, compoundId, 'read');
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(deliveries.compoundId, compoundId), eq(deliveries.date, day)),
  );
  if (contexts.length)
    await recordAudit(db, {
      actor,
      action: 'deliveries.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { compoundId, date: day, deliveries: contexts.length },
    });
  return contexts.map((c) => presentDelivery(c, actor));
}

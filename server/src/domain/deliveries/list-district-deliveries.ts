import { compounds, type Db, deliveries } from '@lastmeter/db';
import { cityDateOf, type DeliveryView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import { loadDeliveryContexts } from './load-delivery.ts';
import { presentDelivery } from './present-delivery.ts';

/** Dispatch's list of a district's medicine deliveries on a day: planned, under way, done, or waiting and why. */
export async function listDistrictDeliveries({
  db,
  actor,
  districtId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  districtId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<DeliveryView[]> {
  await authorize(db, actor, 'read', { kind: 'dispatch', districtId });
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(compounds.districtId, districtId), eq(deliveries.date, day)),
  );
  if (contexts.length)
    await recordAudit(db, {
      actor,
      action: 'deliveries.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { districtId, date: day, deliveries: contexts.length },
    });
  return contexts.map((c) => presentDelivery(c, actor));
}

import { compounds, deliveries } from '@lastmeter/db';
import { cityDateOf, type DeliveryView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import { recordListRead } from '../record-audit.ts';
import { loadDeliveryContexts } from '../schedule/load-delivery.ts';
import type { UseCase } from '../use-case.ts';
import { presentDelivery } from './present-delivery.ts';

/** Dispatch's list of a district's medicine deliveries on a day: planned, under way, done, or waiting and why. */
export async function listDistrictDeliveries(
  use: UseCase & { districtId: string; date?: string | undefined },
): Promise<DeliveryView[]> {
  const { db, actor, districtId, date, timeZone, now } = use;
  await authorize(db, actor, 'read', { kind: 'dispatch', districtId });
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadDeliveryContexts(
    db,
    and(eq(compounds.districtId, districtId), eq(deliveries.date, day)),
  );
  await recordListRead(db, actor, 'deliveries.read', contexts.length, {
    districtId,
    date: day,
    deliveries: contexts.length,
  });
  return contexts.map((c) => presentDelivery(c, actor));
}

import { compounds } from '@lastmeter/db';
import type { DeliveryView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import type { UseCase } from '../use-case.ts';
import { listDayDeliveries } from './list-day-deliveries.ts';

/** Dispatch's list of a district's medicine deliveries on a day: planned, under way, done, or waiting and why. */
export async function listDistrictDeliveries(
  use: UseCase & { districtId: string; date?: string | undefined },
): Promise<DeliveryView[]> {
  const { db, actor, districtId } = use;
  await authorize(db, actor, 'read', { kind: 'dispatch', districtId });
  return listDayDeliveries(use, { where: eq(compounds.districtId, districtId), detail: { districtId } });
}

import { deliveries } from '@lastmeter/db';
import type { DeliveryView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { authorizeCompound } from '../patients/load-scope.ts';
import type { UseCase } from '../use-case.ts';
import { listDayDeliveries } from './list-day-deliveries.ts';

/**
 * The medicines coming to a compound's gate on a day (送药到户): what is on its way, at the gate, handed
 * over, or still waiting for a vehicle and why — the gatekeeper's list and dispatch's view of it.
 */
export async function listCompoundDeliveries(
  use: UseCase & { compoundId: string; date?: string | undefined },
): Promise<DeliveryView[]> {
  const { db, actor, compoundId } = use;
  await authorizeCompound(db, actor, compoundId, 'read');
  return listDayDeliveries(use, { where: eq(deliveries.compoundId, compoundId), detail: { compoundId } });
}

import { districts } from '@lastmeter/db';
import { cityDateOf, type Overview } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { compoundListScope } from '../policies.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { buildOverview } from './build-overview.ts';

/**
 * "How many special-needs patients in this compound need care", for a whole district in one call. Dispatch
 * and admin see every compound; a gatekeeper gets the same picture restricted to the compounds they keep.
 */
export async function getDistrictOverview(
  use: UseCase & { districtId: string; date: string | undefined },
): Promise<Overview> {
  const { db, actor, districtId, date, timeZone, now } = use;
  const scope = compoundListScope(actor, districtId);
  if (!scope) throw errors.notFound('District');
  const [district] = await db
    .select({ id: districts.id })
    .from(districts)
    .where(eq(districts.id, districtId));
  if (!district) throw errors.notFound('District');
  await recordAudit(db, {
    actor,
    action: 'read_overview',
    entity: 'district',
    entityId: districtId,
    outcome: 'allowed',
  });
  return buildOverview(db, {
    districtId,
    compoundIds: scope.all ? 'all' : scope.compoundIds,
    date: date ?? cityDateOf(now, timeZone),
    timeZone,
  });
}

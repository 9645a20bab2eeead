import { compounds, districts, legs, requests } from '@lastmeter/db';
import { cityDateOf, type LegStatus, type LegView } from '@lastmeter/shared';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import { recordListRead } from '../record-audit.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import type { UseCase } from '../use-case.ts';
import { presentLeg } from './present-leg.ts';

/**
 * Every leg of a district's day for dispatch — declined and cancelled ones included unless filtered
 * out — in one query, by planned pickup; identities masked as on every leg view.
 */
export async function listDistrictLegs(
  use: UseCase & { districtId: string; date?: string | undefined; statuses?: LegStatus[] | undefined },
): Promise<LegView[]> {
  const { db, actor, districtId, date, statuses, timeZone, now } = use;
  await authorize(db, actor, 'read', { kind: 'dispatch', districtId });
  const [district] = await db
    .select({ id: districts.id })
    .from(districts)
    .where(eq(districts.id, districtId));
  if (!district) throw errors.notFound('District');
  const day = date ?? cityDateOf(now, timeZone);
  const filters: SQL[] = [eq(compounds.districtId, districtId), eq(requests.date, day)];
  if (statuses?.length) filters.push(inArray(legs.status, statuses));
  const contexts = await loadLegContexts(db, and(...filters), {
    orderBy: sql`coalesce(${legs.plannedPickupAt}, ${legs.pickupWindowStart}) asc nulls last, ${legs.id}`,
  });
  await recordListRead(db, actor, 'district_legs.read', contexts.length, {
    districtId,
    date: day,
    legs: contexts.length,
  });
  return contexts.map((c) => presentLeg(c, actor));
}

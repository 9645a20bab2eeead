import { zones } from '@lastmeter/db';
import type { Zone, ZoneListQuery } from '@lastmeter/shared';
import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { authorize } from '../authorize.ts';
import type { Acting } from '../use-case.ts';
import { presentZone } from './present-district.ts';

/** The district's zones in force at an instant (default now), or its whole history with `all`. */
export async function listZones(use: Acting & { districtId: string; query: ZoneListQuery }): Promise<Zone[]> {
  const { db, actor, districtId, query } = use;
  await authorize(db, actor, 'read', { kind: 'zone', districtId });
  const at = query.at ?? new Date();
  const inForce = and(
    lte(zones.validFrom, at),
    or(isNull(zones.validTo), gt(zones.validTo, at)),
    or(isNull(zones.endedAt), gt(zones.endedAt, at)),
  );
  const rows = await db
    .select()
    .from(zones)
    .where(query.all ? eq(zones.districtId, districtId) : and(eq(zones.districtId, districtId), inForce))
    .orderBy(desc(zones.level), asc(zones.validFrom));
  return rows.map(presentZone);
}

import { type Db, zones } from '@lastmeter/db';
import type { Zone, ZoneListQuery } from '@lastmeter/shared';
import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { presentZone } from './present-district.ts';

/** The district's zones in force at an instant (default now), or its whole history with `all`. */
export async function listZones({
  db,
  actor,
  districtId,
  query,
}: {
  db: Db;
  actor: Actor;
  districtId: string;
  query: ZoneListQuery;
}): Promise<Zone[]> {
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

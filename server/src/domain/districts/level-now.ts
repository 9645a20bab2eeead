import { type Db, zones } from '@lastmeter/db';
import {
  type CompoundLevelResult,
  compoundLevel,
  type PolygonalGeometry,
} from '@lastmeter/shared/geo/zone-level.ts';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';

/** Zones of a district in force at `at`, in the shape the level rule takes. */
export async function zonesInForce(db: Db, districtId: string, at: Date) {
  return db
    .select({
      id: zones.id,
      level: zones.level,
      geometry: zones.geometry,
      validFrom: zones.validFrom,
      validTo: zones.validTo,
      endedAt: zones.endedAt,
    })
    .from(zones)
    .where(
      and(
        eq(zones.districtId, districtId),
        lte(zones.validFrom, at),
        or(isNull(zones.validTo), gt(zones.validTo, at)),
        or(isNull(zones.endedAt), gt(zones.endedAt, at)),
      ),
    );
}

/** The level a (new or redrawn) compound boundary has right now. */
export async function levelOf(
  db: Db,
  districtId: string,
  boundary: PolygonalGeometry,
  at: Date,
): Promise<CompoundLevelResult> {
  return compoundLevel(boundary, await zonesInForce(db, districtId, at), at);
}

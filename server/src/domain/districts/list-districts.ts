import { compounds, type Db, districts } from '@lastmeter/db';
import type { District } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { presentDistrict } from './present-district.ts';

/**
 * Districts the actor works in: all for admin, their own for dispatch. A gatekeeper sees the districts of
 * the compounds they keep, so their map can open in the right place; other roles have none.
 */
export async function listDistricts({ db, actor }: { db: Db; actor: Actor }): Promise<District[]> {
  const query = db.select().from(districts).orderBy(asc(districts.name), asc(districts.code));
  switch (actor.role) {
    case 'admin':
      return (await query).map(presentDistrict);
    case 'dispatcher':
      return actor.districtIds.length
        ? (await query.where(inArray(districts.id, actor.districtIds))).map(presentDistrict)
        : [];
    case 'gatekeeper': {
      if (!actor.compoundIds.length) return [];
      const rows = await db
        .selectDistinct({ district: districts })
        .from(districts)
        .innerJoin(compounds, eq(compounds.districtId, districts.id))
        .where(inArray(compounds.id, actor.compoundIds));
      return rows.map((r) => presentDistrict(r.district));
    }
    case 'driver':
    case 'hospital':
      return [];
    default:
      return exhaustive(actor.role, 'role');
  }
}

import { type Db, districts } from '@lastmeter/db';
import type { District } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { can } from '../policies.ts';
import { presentDistrict } from './present-district.ts';

export async function getDistrict({
  db,
  actor,
  districtId,
}: {
  db: Db;
  actor: Actor;
  districtId: string;
}): Promise<District> {
  // Out of scope reads as absent: a district's existence is not for every account to probe.
  if (!can(actor, 'read', { kind: 'district', districtId })) throw errors.notFound('District');
  const [row] = await db.select().from(districts).where(eq(districts.id, districtId));
  if (!row) throw errors.notFound('District');
  return presentDistrict(row);
}

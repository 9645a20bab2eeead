import { districts } from '@lastmeter/db';
import type { District } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { can } from '../policies.ts';
import type { Acting } from '../use-case.ts';
import { presentDistrict } from './present-district.ts';

export async function getDistrict(use: Acting & { districtId: string }): Promise<District> {
  const { db, actor, districtId } = use;
  // Out of scope reads as absent: a district's existence is not for every account to probe.
  if (!can(actor, 'read', { kind: 'district', districtId })) throw errors.notFound('District');
  const [row] = await db.select().from(districts).where(eq(districts.id, districtId));
  if (!row) throw errors.notFound('District');
  return presentDistrict(row);
}

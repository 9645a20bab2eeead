import { districts } from '@lastmeter/db';
import type { CreateDistrictBody, District } from '@lastmeter/shared';
import { authorize } from '../authorize.ts';
import type { Acting } from '../use-case.ts';
import { presentDistrict } from './present-district.ts';

export async function createDistrict(use: Acting & { input: CreateDistrictBody }): Promise<District> {
  const { db, actor, input } = use;
  await authorize(db, actor, 'manage', { kind: 'city' });
  const [row] = await db
    .insert(districts)
    .values({
      code: input.code,
      name: input.name,
      city: input.city,
      center: [input.center.lng, input.center.lat],
    })
    .returning();
  if (!row) throw new Error('district insert returned no row');
  return presentDistrict(row);
}

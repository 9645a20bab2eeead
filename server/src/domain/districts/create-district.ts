import { type Db, districts } from '@lastmeter/db';
import type { CreateDistrictBody, District } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { presentDistrict } from './present-district.ts';

export async function createDistrict({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: CreateDistrictBody;
}): Promise<District> {
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

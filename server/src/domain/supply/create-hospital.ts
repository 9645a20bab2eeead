import { type Db, hospitals } from '@lastmeter/db';
import type { CreateHospitalBody, Hospital } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { presentHospital } from './present-supply.ts';

export async function createHospital({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: CreateHospitalBody;
}): Promise<Hospital> {
  await authorize(db, actor, 'manage', { kind: 'city' });
  const [row] = await db
    .insert(hospitals)
    .values({
      districtId: input.districtId,
      name: input.name,
      address: input.address,
      phone: input.phone,
      lng: input.location.lng,
      lat: input.location.lat,
      entranceLng: input.entrance.lng,
      entranceLat: input.entrance.lat,
      acceptsPositive: input.acceptsPositive,
      crowding: input.crowding,
      status: input.status,
    })
    .returning();
  if (!row) throw new Error('hospital insert returned no row');
  return presentHospital(row, []);
}

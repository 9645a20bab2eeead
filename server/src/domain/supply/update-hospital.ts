import { type Db, hospitals } from '@lastmeter/db';
import type { Hospital, UpdateHospitalBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { servicesOf } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-supply.ts';

/** The hospital's record — where it is, whether it is designated for `positive` patients (admin). */
export async function updateHospital({
  db,
  actor,
  hospitalId,
  input,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  input: UpdateHospitalBody;
}): Promise<Hospital> {
  const current = await loadHospital(db, actor, hospitalId, 'manage');
  const changes: Partial<typeof hospitals.$inferInsert> = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.districtId !== undefined ? { districtId: input.districtId } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.location ? { lng: input.location.lng, lat: input.location.lat } : {}),
    ...(input.entrance ? { entranceLng: input.entrance.lng, entranceLat: input.entrance.lat } : {}),
    ...(input.acceptsPositive !== undefined ? { acceptsPositive: input.acceptsPositive } : {}),
  };
  const [row] = Object.keys(changes).length
    ? await db.update(hospitals).set(changes).where(eq(hospitals.id, hospitalId)).returning()
    : [current];
  if (!row) throw new Error('hospital update returned no row');
  return presentHospital(row, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
}

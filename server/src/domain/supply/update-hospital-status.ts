import { type Db, hospitals } from '@lastmeter/db';
import type { Hospital, HospitalStatusBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { servicesOf } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-supply.ts';

/** The hospital's own word on how crowded it is and whether it takes arrivals or diverts them. */
export async function updateHospitalStatus({
  db,
  actor,
  hospitalId,
  input,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  input: HospitalStatusBody;
}): Promise<Hospital> {
  const current = await loadHospital(db, actor, hospitalId, 'write');
  const changes = {
    ...(input.crowding ? { crowding: input.crowding } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const [row] = Object.keys(changes).length
    ? await db.update(hospitals).set(changes).where(eq(hospitals.id, hospitalId)).returning()
    : [current];
  if (!row) throw new Error('hospital update returned no row');
  return presentHospital(row, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
}

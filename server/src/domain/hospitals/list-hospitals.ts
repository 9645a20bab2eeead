import { type Db, hospitals } from '@lastmeter/db';
import type { Hospital } from '@lastmeter/shared';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { servicesOf } from './hospital-services.ts';
import { presentHospital } from './present-hospital.ts';

/** Every hospital — where they are and what they treat is what dispatch, gates and drivers work from; a hospital account sees itself. */
export async function listHospitals({ db, actor }: { db: Db; actor: Actor }): Promise<Hospital[]> {
  if (actor.role === 'hospital' && !actor.hospitalId) return [];
  const query = db.select().from(hospitals).orderBy(asc(hospitals.name));
  const rows =
    actor.role === 'hospital' && actor.hospitalId
      ? await query.where(eq(hospitals.id, actor.hospitalId))
      : await query;
  const services = await servicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentHospital(r, services.get(r.id) ?? []));
}

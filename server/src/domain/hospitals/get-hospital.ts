import type { Db } from '@lastmeter/db';
import type { Hospital } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { servicesOf } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-hospital.ts';

export async function getHospital({
  db,
  actor,
  hospitalId,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
}): Promise<Hospital> {
  const row = await loadHospital(db, actor, hospitalId, 'read');
  return presentHospital(row, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
}

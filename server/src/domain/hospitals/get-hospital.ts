import type { Hospital } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { servicesOf } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-hospital.ts';

export async function getHospital(use: Acting & { hospitalId: string }): Promise<Hospital> {
  const { db, actor, hospitalId } = use;
  const row = await loadHospital(db, actor, hospitalId, 'read');
  return presentHospital(row, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
}

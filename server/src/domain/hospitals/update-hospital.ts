import { hospitals } from '@lastmeter/db';
import type { Hospital, UpdateHospitalBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { recordUpdate } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { servicesOf, setHospitalServices } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-hospital.ts';

/**
 * The hospital's record — where it is and where cars stop, what it treats, whether it is designated for
 * `positive` patients (admin); audited before → after.
 */
export async function updateHospital(
  use: Acting & { hospitalId: string; input: UpdateHospitalBody },
): Promise<Hospital> {
  const { db, actor, hospitalId, input } = use;
  await loadHospital(db, actor, hospitalId, 'manage');
  const changes: Partial<typeof hospitals.$inferInsert> = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.districtId !== undefined ? { districtId: input.districtId } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.location ? { lng: input.location.lng, lat: input.location.lat } : {}),
    ...(input.entrance ? { entranceLng: input.entrance.lng, entranceLat: input.entrance.lat } : {}),
    ...(input.acceptsPositive !== undefined ? { acceptsPositive: input.acceptsPositive } : {}),
  };
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(hospitals).where(eq(hospitals.id, hospitalId)).for('update');
    if (!current) throw new Error('hospital vanished under its update');
    const before = presentHospital(current, (await servicesOf(tx, [hospitalId])).get(hospitalId) ?? []);
    const [row] = Object.keys(changes).length
      ? await tx.update(hospitals).set(changes).where(eq(hospitals.id, hospitalId)).returning()
      : [current];
    if (!row) throw new Error('hospital update returned no row');
    const services = input.services
      ? await setHospitalServices(tx, hospitalId, input.services)
      : before.services;
    const after = presentHospital(row, services);
    await recordUpdate(tx, actor, {
      entity: 'hospital',
      entityId: hospitalId,
      before,
      after,
      detail: { hospitalName: after.name },
    });
    return after;
  });
}

import { districts } from '@lastmeter/db';
import type { District, UpdateDistrictBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import { recordUpdate } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { presentDistrict } from './present-district.ts';

/** Renames or re-centres a district (admin); audited before → after. A taken code is a 409. */
export async function updateDistrict(
  use: Acting & { districtId: string; input: UpdateDistrictBody },
): Promise<District> {
  const { db, actor, districtId, input } = use;
  await authorize(db, actor, 'manage', { kind: 'city' });
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(districts).where(eq(districts.id, districtId)).for('update');
    if (!current) throw errors.notFound('District');
    const [row] = await tx
      .update(districts)
      .set({
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.city !== undefined ? { city: input.city } : {}),
        ...(input.center ? { center: [input.center.lng, input.center.lat] as [number, number] } : {}),
      })
      .where(eq(districts.id, districtId))
      .returning();
    if (!row) throw errors.notFound('District');
    const before = presentDistrict(current);
    const after = presentDistrict(row);
    await recordUpdate(tx, actor, {
      entity: 'district',
      entityId: districtId,
      before,
      after,
      unchanged: 'audit',
    });
    return after;
  });
}

import { hospitals } from '@lastmeter/db';
import type { CreateHospitalBody, Hospital } from '@lastmeter/shared';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { setHospitalServices } from './hospital-services.ts';
import { presentHospital } from './present-hospital.ts';

/** Registers a hospital with what it treats (admin); audited with the record as created. */
export async function createHospital(use: Acting & { input: CreateHospitalBody }): Promise<Hospital> {
  const { db, actor, input } = use;
  await authorize(db, actor, 'manage', { kind: 'city' });
  return db.transaction(async (tx) => {
    const [row] = await tx
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
    const services = await setHospitalServices(tx, row.id, input.services);
    const created = presentHospital(row, services);
    await recordAudit(tx, {
      actor,
      action: 'create',
      entity: 'hospital',
      entityId: row.id,
      outcome: 'allowed',
      detail: {
        hospitalName: created.name,
        services: created.services,
        acceptsPositive: created.acceptsPositive,
        location: created.location,
        entrance: created.entrance,
      },
    });
    return created;
  });
}

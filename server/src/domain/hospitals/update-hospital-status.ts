import { hospitals } from '@lastmeter/db';
import { type Hospital, type HospitalStatusBody, rooms } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { recordEvents } from '../events/record-event.ts';
import type { Acting } from '../use-case.ts';
import { servicesOf } from './hospital-services.ts';
import { loadHospital } from './load-hospital.ts';
import { presentHospital } from './present-hospital.ts';

/**
 * The hospital's own word on how crowded it is and whether it takes arrivals or diverts them. It
 * goes on the public crowding board and, as `hospital.status_changed`, to the district's dispatchers.
 */
export async function updateHospitalStatus(
  use: Acting & { hospitalId: string; input: HospitalStatusBody },
): Promise<Hospital> {
  const { db, actor, hospitalId, input } = use;
  const current = await loadHospital(db, actor, hospitalId, 'write');
  const changes = {
    ...(input.crowding ? { crowding: input.crowding } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  if (Object.keys(changes).length === 0)
    return presentHospital(current, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
  const { row } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(hospitals)
      .set({ ...changes, statusUpdatedAt: new Date() })
      .where(eq(hospitals.id, hospitalId))
      .returning();
    if (!row) throw new Error('hospital update returned no row');
    const events = await recordEvents(tx, [
      {
        type: 'hospital.status_changed',
        payload: {
          hospitalId,
          districtId: row.districtId,
          crowding: row.crowding,
          status: row.status,
          acceptsPositive: row.acceptsPositive,
        },
        actorId: actor.accountId,
        recipients: [rooms.hospital(hospitalId), ...(row.districtId ? [rooms.district(row.districtId)] : [])],
      },
    ]);
    return { row, events };
  });
  return presentHospital(row, (await servicesOf(db, [hospitalId])).get(hospitalId) ?? []);
}

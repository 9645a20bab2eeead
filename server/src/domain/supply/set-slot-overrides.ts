import { type Db, hospitalSlotOverrides } from '@lastmeter/db';
import type { HospitalCapacity, SetSlotOverridesBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { capacityOn } from './get-hospital-capacity.ts';
import { loadHospital } from './load-hospital.ts';

/** Replaces one date's overrides of the template (a holiday, a broken machine, an extra shift). */
export async function setSlotOverrides({
  db,
  actor,
  hospitalId,
  date,
  input,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date: string;
  input: SetSlotOverridesBody;
}): Promise<HospitalCapacity> {
  await loadHospital(db, actor, hospitalId, 'write');
  await db.transaction(async (tx) => {
    await tx
      .delete(hospitalSlotOverrides)
      .where(and(eq(hospitalSlotOverrides.hospitalId, hospitalId), eq(hospitalSlotOverrides.date, date)));
    if (input.slots.length)
      await tx.insert(hospitalSlotOverrides).values(input.slots.map((s) => ({ ...s, hospitalId, date })));
  });
  return capacityOn(db, hospitalId, date);
}

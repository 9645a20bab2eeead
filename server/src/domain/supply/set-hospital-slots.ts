import { type Db, hospitalSlots } from '@lastmeter/db';
import type { HospitalSlots, SetHospitalSlotsBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { loadHospital } from './load-hospital.ts';

/** Replaces the hospital's weekly capacity template in one go (the hospital itself, or admin). */
export async function setHospitalSlots({
  db,
  actor,
  hospitalId,
  input,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  input: SetHospitalSlotsBody;
}): Promise<HospitalSlots> {
  await loadHospital(db, actor, hospitalId, 'write');
  await db.transaction(async (tx) => {
    await tx.delete(hospitalSlots).where(eq(hospitalSlots.hospitalId, hospitalId));
    if (input.slots.length)
      await tx.insert(hospitalSlots).values(input.slots.map((s) => ({ ...s, hospitalId })));
  });
  return templateOf(db, hospitalId);
}

export async function templateOf(db: Db, hospitalId: string): Promise<HospitalSlots> {
  const rows = await db
    .select({
      service: hospitalSlots.service,
      weekday: hospitalSlots.weekday,
      startTime: hospitalSlots.startTime,
      endTime: hospitalSlots.endTime,
      capacity: hospitalSlots.capacity,
    })
    .from(hospitalSlots)
    .where(eq(hospitalSlots.hospitalId, hospitalId))
    .orderBy(hospitalSlots.service, hospitalSlots.weekday, hospitalSlots.startTime);
  return { slots: rows };
}

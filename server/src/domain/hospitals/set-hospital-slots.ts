import { type Db, hospitalSlots } from '@lastmeter/db';
import type { HospitalSlots, SetHospitalSlotsBody, SlotChannel } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { loadHospital } from './load-hospital.ts';

/**
 * Replaces the hospital's weekly capacity template of one channel in one go (the hospital itself, or
 * admin): on-site slots (the default) or online-visit slots; the other channel's template stays.
 */
export async function setHospitalSlots(
  use: Acting & { hospitalId: string; input: SetHospitalSlotsBody; channel?: SlotChannel },
): Promise<HospitalSlots> {
  const { db, actor, hospitalId, input, channel = 'on_site' } = use;
  await loadHospital(db, actor, hospitalId, 'write');
  await db.transaction(async (tx) => {
    await tx
      .delete(hospitalSlots)
      .where(and(eq(hospitalSlots.hospitalId, hospitalId), eq(hospitalSlots.channel, channel)));
    if (input.slots.length)
      await tx.insert(hospitalSlots).values(input.slots.map((s) => ({ ...s, hospitalId, channel })));
  });
  return templateOf(db, hospitalId, channel);
}

export async function templateOf(
  db: Db,
  hospitalId: string,
  channel: SlotChannel = 'on_site',
): Promise<HospitalSlots> {
  const rows = await db
    .select({
      service: hospitalSlots.service,
      weekday: hospitalSlots.weekday,
      startTime: hospitalSlots.startTime,
      endTime: hospitalSlots.endTime,
      capacity: hospitalSlots.capacity,
    })
    .from(hospitalSlots)
    .where(and(eq(hospitalSlots.hospitalId, hospitalId), eq(hospitalSlots.channel, channel)))
    .orderBy(hospitalSlots.service, hospitalSlots.weekday, hospitalSlots.startTime);
  return { slots: rows };
}

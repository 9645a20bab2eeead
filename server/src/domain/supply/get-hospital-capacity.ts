import { type Db, hospitalSlotOverrides, hospitalSlots } from '@lastmeter/db';
import type { HospitalCapacity, SlotChannel } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { effectiveCapacity, isoWeekday } from './effective-capacity.ts';
import { loadHospital } from './load-hospital.ts';

/** What the hospital can take on a date, per service and slot: template plus that date's overrides. */
export async function getHospitalCapacity({
  db,
  actor,
  hospitalId,
  date,
  channel = 'on_site',
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date: string;
  channel?: SlotChannel;
}): Promise<HospitalCapacity> {
  await loadHospital(db, actor, hospitalId, 'read');
  return capacityOn(db, hospitalId, date, channel);
}

/** A date's slots of one channel: patients who come (`on_site`, the default) or online visits. */
export async function capacityOn(
  db: Db,
  hospitalId: string,
  date: string,
  channel: SlotChannel = 'on_site',
): Promise<HospitalCapacity> {
  const weekday = isoWeekday(date);
  const template = await db
    .select()
    .from(hospitalSlots)
    .where(
      and(
        eq(hospitalSlots.hospitalId, hospitalId),
        eq(hospitalSlots.channel, channel),
        eq(hospitalSlots.weekday, weekday),
      ),
    );
  const overrides = await db
    .select()
    .from(hospitalSlotOverrides)
    .where(
      and(
        eq(hospitalSlotOverrides.hospitalId, hospitalId),
        eq(hospitalSlotOverrides.channel, channel),
        eq(hospitalSlotOverrides.date, date),
      ),
    );
  return { hospitalId, date, weekday, slots: effectiveCapacity(date, template, overrides) };
}

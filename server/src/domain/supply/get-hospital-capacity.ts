import { type Db, hospitalSlotOverrides, hospitalSlots } from '@lastmeter/db';
import type { HospitalCapacity } from '@lastmeter/shared';
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
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date: string;
}): Promise<HospitalCapacity> {
  await loadHospital(db, actor, hospitalId, 'read');
  return capacityOn(db, hospitalId, date);
}

export async function capacityOn(db: Db, hospitalId: string, date: string): Promise<HospitalCapacity> {
  const weekday = isoWeekday(date);
  const template = await db
    .select()
    .from(hospitalSlots)
    .where(and(eq(hospitalSlots.hospitalId, hospitalId), eq(hospitalSlots.weekday, weekday)));
  const overrides = await db
    .select()
    .from(hospitalSlotOverrides)
    .where(and(eq(hospitalSlotOverrides.hospitalId, hospitalId), eq(hospitalSlotOverrides.date, date)));
  return { hospitalId, date, weekday, slots: effectiveCapacity(date, template, overrides) };
}

import { type Db, hospitalSlotOverrides, hospitalSlots } from '@lastmeter/db';
import {
  type CapacitySlot,
  cityInstant,
  type HospitalCapacity,
  isoWeekdayOf,
  type SlotChannel,
} from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { effectiveCapacity } from './effective-capacity.ts';
import { heldIn, loadHeldPlaces } from './load-held-places.ts';
import { loadHospital } from './load-hospital.ts';

/** A hospital's slot overrides of one channel on one day: what the desk sets, and capacity reads. */
export const overridesOfDay = (hospitalId: string, channel: SlotChannel, date: string) =>
  and(
    eq(hospitalSlotOverrides.hospitalId, hospitalId),
    eq(hospitalSlotOverrides.channel, channel),
    eq(hospitalSlotOverrides.date, date),
  );

/** What the hospital can take on a date, per service and slot: template plus that date's overrides. */
export async function getHospitalCapacity(
  use: Acting & { hospitalId: string; date: string; timeZone: string; channel?: SlotChannel },
): Promise<HospitalCapacity> {
  const { db, actor, hospitalId, date, timeZone, channel = 'on_site' } = use;
  await loadHospital(db, actor, hospitalId, 'read');
  return capacityOn(db, hospitalId, date, timeZone, channel);
}

/**
 * A date's slots of one channel — patients who come (`on_site`, the default) or online visits — each
 * with the places already held in it, counted as hospital matching counts them.
 */
export async function capacityOn(
  db: Db,
  hospitalId: string,
  date: string,
  /** The city's time zone (config `TIME_ZONE`): slot times are on its clock. */
  timeZone: string,
  channel: SlotChannel = 'on_site',
): Promise<HospitalCapacity> {
  const weekday = isoWeekdayOf(date);
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
    .where(overridesOfDay(hospitalId, channel, date));
  const held = await loadHeldPlaces(db, { date, channel, hospitalIds: [hospitalId] });
  const slots = effectiveCapacity(date, template, overrides).map((slot) => {
    const range = {
      start: cityInstant(date, slot.startTime, timeZone).getTime(),
      end: cityInstant(date, slot.endTime, timeZone).getTime(),
    };
    return { ...slot, booked: held.filter((h) => h.service === slot.service && heldIn(h, range)).length };
  });
  return { hospitalId, date, weekday, slots };
}

/** Every hospital's slots of one channel on a date, in two queries: what hospital matching weighs. */
export async function capacitiesOn(
  db: Db,
  date: string,
  channel: SlotChannel = 'on_site',
): Promise<Map<string, CapacitySlot[]>> {
  const weekday = isoWeekdayOf(date);
  const [template, overrides] = await Promise.all([
    db
      .select()
      .from(hospitalSlots)
      .where(and(eq(hospitalSlots.channel, channel), eq(hospitalSlots.weekday, weekday))),
    db
      .select()
      .from(hospitalSlotOverrides)
      .where(and(eq(hospitalSlotOverrides.channel, channel), eq(hospitalSlotOverrides.date, date))),
  ]);
  const ids = new Set([...template, ...overrides].map((s) => s.hospitalId));
  return new Map(
    [...ids].map((id) => [
      id,
      effectiveCapacity(
        date,
        template.filter((s) => s.hospitalId === id),
        overrides.filter((s) => s.hospitalId === id),
      ),
    ]),
  );
}

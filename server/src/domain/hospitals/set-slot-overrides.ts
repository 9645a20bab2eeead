import { hospitalSlotOverrides } from '@lastmeter/db';
import type { HospitalCapacity, SetSlotOverridesBody, SlotChannel } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { capacityOn, overridesOfDay } from './get-hospital-capacity.ts';
import { loadHospital } from './load-hospital.ts';

/**
 * Replaces one date's overrides of one channel's template (a holiday, a broken machine, an extra
 * shift, a doctor away from the online clinic).
 */
export async function setSlotOverrides(
  use: Acting & {
    hospitalId: string;
    date: string;
    input: SetSlotOverridesBody;
    timeZone: string;
    channel?: SlotChannel;
  },
): Promise<HospitalCapacity> {
  const { db, actor, hospitalId, date, input, timeZone, channel = 'on_site' } = use;
  await loadHospital(db, actor, hospitalId, 'write');
  await db.transaction(async (tx) => {
    await tx.delete(hospitalSlotOverrides).where(overridesOfDay(hospitalId, channel, date));
    if (input.slots.length)
      await tx
        .insert(hospitalSlotOverrides)
        .values(input.slots.map((s) => ({ ...s, hospitalId, date, channel })));
  });
  return capacityOn(db, hospitalId, date, timeZone, channel);
}

import type { HospitalSlots, SlotChannel } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { loadHospital } from './load-hospital.ts';
import { templateOf } from './set-hospital-slots.ts';

export async function getHospitalSlots(
  use: Acting & { hospitalId: string; channel?: SlotChannel },
): Promise<HospitalSlots> {
  const { db, actor, hospitalId, channel = 'on_site' } = use;
  await loadHospital(db, actor, hospitalId, 'read');
  return templateOf(db, hospitalId, channel);
}

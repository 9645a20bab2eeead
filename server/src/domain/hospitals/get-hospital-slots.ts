import type { Db } from '@lastmeter/db';
import type { HospitalSlots, SlotChannel } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadHospital } from './load-hospital.ts';
import { templateOf } from './set-hospital-slots.ts';

export async function getHospitalSlots({
  db,
  actor,
  hospitalId,
  channel = 'on_site',
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  channel?: SlotChannel;
}): Promise<HospitalSlots> {
  await loadHospital(db, actor, hospitalId, 'read');
  return templateOf(db, hospitalId, channel);
}

import type { Zone } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { loadZone } from './load-zone.ts';
import { presentZone } from './present-district.ts';

export async function getZone(use: Acting & { zoneId: string }): Promise<Zone> {
  const { db, actor, zoneId } = use;
  return presentZone(await loadZone(db, actor, zoneId, 'read'));
}

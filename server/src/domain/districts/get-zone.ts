import type { Db } from '@lastmeter/db';
import type { Zone } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadZone } from './load-zone.ts';
import { presentZone } from './present-district.ts';

export async function getZone({
  db,
  actor,
  zoneId,
}: {
  db: Db;
  actor: Actor;
  zoneId: string;
}): Promise<Zone> {
  return presentZone(await loadZone(db, actor, zoneId, 'read'));
}

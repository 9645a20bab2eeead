import type { Db } from '@lastmeter/db';
import type { Gatekeeper } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadCompound } from './load-compound.ts';
import { gatekeepersOf } from './set-gatekeepers.ts';

/** Who keeps a compound: its dispatch, its own gatekeepers and admin may see. */
export async function listGatekeepers({
  db,
  actor,
  compoundId,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
}): Promise<Gatekeeper[]> {
  await loadCompound(db, actor, compoundId, 'read');
  return gatekeepersOf(db, compoundId);
}

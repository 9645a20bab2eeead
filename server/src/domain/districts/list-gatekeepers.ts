import type { Gatekeeper } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { loadCompound } from './load-compound.ts';
import { gatekeepersOf } from './set-gatekeepers.ts';

/** Who keeps a compound: its dispatch, its own gatekeepers and admin may see. */
export async function listGatekeepers(use: Acting & { compoundId: string }): Promise<Gatekeeper[]> {
  const { db, actor, compoundId } = use;
  await loadCompound(db, actor, compoundId, 'read');
  return gatekeepersOf(db, compoundId);
}

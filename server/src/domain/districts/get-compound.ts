import { type Db, gates } from '@lastmeter/db';
import type { Compound } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { loadCompound } from './load-compound.ts';
import { presentCompound } from './present-district.ts';

export async function getCompound({
  db,
  actor,
  compoundId,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
}): Promise<Compound> {
  const row = await loadCompound(db, actor, compoundId, 'read');
  return presentCompound(row, await db.select().from(gates).where(eq(gates.compoundId, compoundId)));
}

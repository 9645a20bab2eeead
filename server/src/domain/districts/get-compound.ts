import { gates } from '@lastmeter/db';
import type { Compound } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { loadCompound } from './load-compound.ts';
import { presentCompound } from './present-district.ts';

export async function getCompound(use: Acting & { compoundId: string }): Promise<Compound> {
  const { db, actor, compoundId } = use;
  const row = await loadCompound(db, actor, compoundId, 'read');
  return presentCompound(row, await db.select().from(gates).where(eq(gates.compoundId, compoundId)));
}

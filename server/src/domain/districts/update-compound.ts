import { compounds, gates } from '@lastmeter/db';
import type { Compound, UpdateCompoundBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { assertGatesNearBoundary } from './gate-near-boundary.ts';
import { levelOf } from './level-now.ts';
import { loadCompound } from './load-compound.ts';
import { presentCompound } from './present-district.ts';

/** Renames or redraws a compound; a new boundary re-derives its level and must still reach its gates. */
export async function updateCompound(
  use: Acting & { compoundId: string; input: UpdateCompoundBody },
): Promise<Compound> {
  const { db, actor, compoundId, input } = use;
  const current = await loadCompound(db, actor, compoundId, 'write');
  return db.transaction(async (tx) => {
    const gateRows = await tx.select().from(gates).where(eq(gates.compoundId, compoundId));
    const changes: Partial<typeof compounds.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.address !== undefined) changes.address = input.address;
    if (input.boundary) {
      assertGatesNearBoundary(input.boundary, gateRows, 'body.boundary');
      const level = await levelOf(tx, current.districtId, input.boundary, new Date());
      Object.assign(changes, { boundary: input.boundary, level: level.level, levelZoneId: level.zoneId });
    }
    const [row] = Object.keys(changes).length
      ? await tx.update(compounds).set(changes).where(eq(compounds.id, compoundId)).returning()
      : [current];
    if (!row) throw new Error('compound update returned no row');
    return presentCompound(row, gateRows);
  });
}

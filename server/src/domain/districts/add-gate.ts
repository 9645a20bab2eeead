import { gates } from '@lastmeter/db';
import type { Gate, GateInput } from '@lastmeter/shared';
import type { Acting } from '../use-case.ts';
import { assertGatesNearBoundary } from './gate-near-boundary.ts';
import { loadCompound } from './load-compound.ts';
import { presentGate } from './present-district.ts';

export async function addGate(use: Acting & { compoundId: string; input: GateInput }): Promise<Gate> {
  const { db, actor, compoundId, input } = use;
  const compound = await loadCompound(db, actor, compoundId, 'write');
  assertGatesNearBoundary(compound.boundary, [input], 'body');
  const [row] = await db
    .insert(gates)
    .values({ compoundId, name: input.name, lng: input.lng, lat: input.lat })
    .returning();
  if (!row) throw new Error('gate insert returned no row');
  return presentGate(row);
}

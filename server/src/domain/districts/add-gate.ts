import { type Db, gates } from '@lastmeter/db';
import type { Gate, GateInput } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { assertGatesNearBoundary } from './gate-near-boundary.ts';
import { loadCompound } from './load-compound.ts';
import { presentGate } from './present-district.ts';

export async function addGate({
  db,
  actor,
  compoundId,
  input,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  input: GateInput;
}): Promise<Gate> {
  const compound = await loadCompound(db, actor, compoundId, 'write');
  assertGatesNearBoundary(compound.boundary, [input], 'body');
  const [row] = await db
    .insert(gates)
    .values({ compoundId, name: input.name, lng: input.lng, lat: input.lat })
    .returning();
  if (!row) throw new Error('gate insert returned no row');
  return presentGate(row);
}

import { gates } from '@lastmeter/db';
import type { Gate, UpdateGateBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Acting } from '../use-case.ts';
import { assertGatesNearBoundary } from './gate-near-boundary.ts';
import { loadCompound } from './load-compound.ts';
import { presentGate } from './present-district.ts';

/** Renames or moves a gate. Gates are never deleted here: patients and trips refer to them. */
export async function updateGate(
  use: Acting & { compoundId: string; gateId: string; input: UpdateGateBody },
): Promise<Gate> {
  const { db, actor, compoundId, gateId, input } = use;
  const compound = await loadCompound(db, actor, compoundId, 'write');
  const [current] = await db
    .select()
    .from(gates)
    .where(and(eq(gates.id, gateId), eq(gates.compoundId, compoundId)));
  if (!current) throw errors.notFound('Gate');
  const next = {
    name: input.name ?? current.name,
    lng: input.lng ?? current.lng,
    lat: input.lat ?? current.lat,
  };
  assertGatesNearBoundary(compound.boundary, [next], 'body');
  const [row] = await db.update(gates).set(next).where(eq(gates.id, gateId)).returning();
  if (!row) throw errors.notFound('Gate');
  return presentGate(row);
}

import { randomBytes } from 'node:crypto';
import { compounds, gates } from '@lastmeter/db';
import type { Compound, CreateCompoundBody } from '@lastmeter/shared';
import { authorize } from '../authorize.ts';
import type { Acting } from '../use-case.ts';
import { assertGatesNearBoundary } from './gate-near-boundary.ts';
import { levelOf } from './level-now.ts';
import { presentCompound } from './present-district.ts';

/** A compound with its boundary and gates; its level is derived at once from the zones in force. */
export async function createCompound(
  use: Acting & { districtId: string; input: CreateCompoundBody },
): Promise<Compound> {
  const { db, actor, districtId, input } = use;
  await authorize(db, actor, 'write', { kind: 'compound', districtId, compoundId: '' });
  assertGatesNearBoundary(input.boundary, input.gates, 'body.gates.{i}');
  return db.transaction(async (tx) => {
    const level = await levelOf(tx, districtId, input.boundary, new Date());
    const [row] = await tx
      .insert(compounds)
      .values({
        districtId,
        name: input.name,
        address: input.address,
        boundary: input.boundary,
        level: level.level,
        levelZoneId: level.zoneId,
        selfRegistrationToken: randomBytes(18).toString('base64url'),
      })
      .returning();
    if (!row) throw new Error('compound insert returned no row');
    const gateRows = await tx
      .insert(gates)
      .values(input.gates.map((g) => ({ compoundId: row.id, name: g.name, lng: g.lng, lat: g.lat })))
      .returning();
    return presentCompound(row, gateRows);
  });
}

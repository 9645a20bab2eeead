import { compounds, gates } from '@lastmeter/db';
import type { Compound, CompoundListQuery } from '@lastmeter/shared';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { compoundListScope } from '../policies.ts';
import type { Acting } from '../use-case.ts';
import { presentCompound } from './present-district.ts';

/**
 * A district's compounds as the actor may see them: all of them for dispatch and admin, a gatekeeper's
 * own ones only. Anyone else gets 404, as if the district were not there.
 */
export async function listCompounds(
  use: Acting & { districtId: string; query: CompoundListQuery },
): Promise<Compound[]> {
  const { db, actor, districtId, query } = use;
  const scope = compoundListScope(actor, districtId);
  if (!scope) throw errors.notFound('District');
  const filters: SQL[] = [eq(compounds.districtId, districtId)];
  if (!scope.all) filters.push(inArray(compounds.id, scope.compoundIds));
  if (query.level) filters.push(eq(compounds.level, query.level));
  const rows = await db
    .select()
    .from(compounds)
    .where(and(...filters))
    .orderBy(asc(compounds.name));
  if (!rows.length) return [];
  const gateRows = await db
    .select()
    .from(gates)
    .where(
      inArray(
        gates.compoundId,
        rows.map((r) => r.id),
      ),
    );
  const gatesOf = new Map<string, typeof gateRows>();
  for (const gate of gateRows) gatesOf.set(gate.compoundId, [...(gatesOf.get(gate.compoundId) ?? []), gate]);
  return rows.map((row) => presentCompound(row, gatesOf.get(row.id) ?? []));
}

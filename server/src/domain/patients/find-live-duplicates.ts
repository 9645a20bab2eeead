import { compounds, type Db, patients } from '@lastmeter/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { can } from '../policies.ts';

export interface LiveRegistration {
  id: string;
  nationalId: string;
  /** Whether the caller may see this patient: only then may a 409 point at it. */
  visible: boolean;
}

/** Live (pending or active) registrations holding any of these ID numbers: one per person. */
export async function findLiveDuplicates(
  db: Db,
  actor: Actor | null,
  nationalIds: string[],
): Promise<Map<string, LiveRegistration>> {
  const found = new Map<string, LiveRegistration>();
  if (nationalIds.length === 0) return found;
  const rows = await db
    .select({
      id: patients.id,
      nationalId: patients.nationalId,
      compoundId: patients.compoundId,
      districtId: compounds.districtId,
    })
    .from(patients)
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(and(inArray(patients.nationalId, nationalIds), inArray(patients.status, ['pending', 'active'])));
  for (const r of rows) {
    const visible =
      actor !== null &&
      can(actor, 'read', { kind: 'patient', districtId: r.districtId, compoundId: r.compoundId });
    found.set(r.nationalId, { id: r.id, nationalId: r.nationalId, visible });
  }
  return found;
}

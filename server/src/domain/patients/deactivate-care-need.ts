import { careNeeds } from '@lastmeter/db';
import type { CareNeedView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Acting } from '../use-case.ts';
import { loadPatientFor } from './load-scope.ts';
import { presentCareNeed } from './present-patient.ts';
import { recordNeedChange } from './record-need-change.ts';

/** Stops a need from producing requests (treatment finished, delivered); history keeps it. */
export async function deactivateCareNeed(
  use: Acting & { patientId: string; needId: string },
): Promise<CareNeedView> {
  const { db, actor, patientId, needId } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', 'deactivate_need');
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(careNeeds)
      .set({ active: false })
      .where(and(eq(careNeeds.id, needId), eq(careNeeds.patientId, patientId)))
      .returning();
    if (!row) throw errors.notFound('Care need');
    const event = await recordNeedChange(tx, {
      actor,
      action: 'deactivate_need',
      need: row,
      compoundId: patient.compoundId,
      districtId,
    });
    return { view: presentCareNeed(row), event };
  });
  return view;
}

import { careNeeds } from '@lastmeter/db';
import type { CareNeedView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import type { Acting } from '../use-case.ts';
import { changeCareNeed } from './change-care-need.ts';

/** Stops a need from producing requests (treatment finished, delivered); history keeps it. */
export async function deactivateCareNeed(
  use: Acting & { patientId: string; needId: string },
): Promise<CareNeedView> {
  const { patientId, needId } = use;
  return changeCareNeed(use, 'deactivate_need', async (tx) => {
    const [row] = await tx
      .update(careNeeds)
      .set({ active: false })
      .where(and(eq(careNeeds.id, needId), eq(careNeeds.patientId, patientId)))
      .returning();
    return row;
  });
}

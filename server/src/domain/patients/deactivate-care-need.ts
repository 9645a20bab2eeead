import { careNeeds, type Db } from '@lastmeter/db';
import type { CareNeedView } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPatientFor } from './load-scope.ts';
import { presentCareNeed } from './present-patient.ts';

/** Stops a need from producing requests (treatment finished, delivered); history keeps it. */
export async function deactivateCareNeed({
  db,
  actor,
  patientId,
  needId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  needId: string;
}): Promise<CareNeedView> {
  await loadPatientFor(db, actor, patientId, 'write', 'deactivate_need');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(careNeeds)
      .set({ active: false })
      .where(and(eq(careNeeds.id, needId), eq(careNeeds.patientId, patientId)))
      .returning();
    if (!row) throw errors.notFound('Care need');
    await recordAudit(tx, {
      actor,
      action: 'deactivate_need',
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail: { needId },
    });
    return presentCareNeed(row);
  });
}

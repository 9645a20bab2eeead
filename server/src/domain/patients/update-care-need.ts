import { careNeeds, type Db } from '@lastmeter/db';
import { CareNeedInput, type CareNeedView, type UpdateCareNeedBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPatientFor } from './load-scope.ts';
import { checkNeedDates, todayInShanghai, toFieldIssues } from './need-rules.ts';
import { presentCareNeed } from './present-patient.ts';

/** Changes a need's schedule, hospital or notes; the kind stays (deactivate and add a new need instead). */
export async function updateCareNeed({
  db,
  actor,
  patientId,
  needId,
  input,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  needId: string;
  input: UpdateCareNeedBody;
}): Promise<CareNeedView> {
  const { patient } = await loadPatientFor(db, actor, patientId, 'write', 'update_need');
  const [need] = await db
    .select()
    .from(careNeeds)
    .where(and(eq(careNeeds.id, needId), eq(careNeeds.patientId, patientId)));
  if (!need) throw errors.notFound('Care need');
  const parsed = CareNeedInput.safeParse({
    kind: need.kind,
    schedule: input.schedule ?? need.schedule,
    hospitalId: input.hospitalId === undefined ? need.hospitalId : input.hospitalId,
    notes: input.notes ?? need.notes,
  });
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  }
  const issues = toFieldIssues(
    checkNeedDates(parsed.data, patient.nationalId, todayInShanghai()),
    'body',
    actor.locale,
  );
  if (issues.length) throw errors.validation(issues);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(careNeeds)
      .set({
        schedule: parsed.data.schedule,
        hospitalId: parsed.data.hospitalId ?? null,
        notes: parsed.data.notes,
      })
      .where(eq(careNeeds.id, needId))
      .returning();
    if (!row) throw errors.notFound('Care need');
    await recordAudit(tx, {
      actor,
      action: 'update_need',
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail: { needId },
    });
    return presentCareNeed(row);
  });
}

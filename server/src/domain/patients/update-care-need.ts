import { careNeeds } from '@lastmeter/db';
import { CareNeedInput, type CareNeedView, cityDateOf, type UpdateCareNeedBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { UseCase } from '../use-case.ts';
import { loadPatientFor } from './load-scope.ts';
import { checkNeedDates, needWayIssues, toFieldIssues } from './need-rules.ts';
import { presentCareNeed } from './present-patient.ts';
import { recordNeedChange } from './record-need-change.ts';

/** Changes a need's schedule, hospital, way of service or notes; the kind stays (deactivate and add a new need instead). */
export async function updateCareNeed(
  use: UseCase & { patientId: string; needId: string; input: UpdateCareNeedBody },
): Promise<CareNeedView> {
  const { db, actor, patientId, needId, input, now, timeZone } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', 'update_need');
  const [need] = await db
    .select()
    .from(careNeeds)
    .where(and(eq(careNeeds.id, needId), eq(careNeeds.patientId, patientId)));
  if (!need) throw errors.notFound('Care need');
  // The merged need is checked with the same schema as a new one, its messages in the actor's language.
  const merged = parseInput(
    CareNeedInput,
    {
      kind: need.kind,
      schedule: input.schedule ?? need.schedule,
      hospitalId: input.hospitalId === undefined ? need.hospitalId : input.hospitalId,
      notes: input.notes ?? need.notes,
      serveBy: input.serveBy === undefined ? need.serveBy : input.serveBy,
    },
    'body',
    actor.locale,
  );
  const issues = [
    ...toFieldIssues(
      checkNeedDates(merged, patient.nationalId, cityDateOf(now, timeZone)),
      'body',
      actor.locale,
    ),
    ...needWayIssues(merged, cityDateOf(now, timeZone), 'body', actor.locale),
  ];
  if (issues.length) throw errors.validation(issues);
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(careNeeds)
      .set({
        schedule: merged.schedule,
        hospitalId: merged.hospitalId ?? null,
        serveBy: merged.serveBy ?? null,
        notes: merged.notes,
      })
      .where(eq(careNeeds.id, needId))
      .returning();
    if (!row) throw errors.notFound('Care need');
    const event = await recordNeedChange(tx, {
      actor,
      action: 'update_need',
      need: row,
      compoundId: patient.compoundId,
      districtId,
    });
    return { view: presentCareNeed(row), event };
  });
  return view;
}

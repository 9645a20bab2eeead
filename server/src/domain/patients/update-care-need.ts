import { careNeeds } from '@lastmeter/db';
import { CareNeedInput, type CareNeedView, cityDateOf, type UpdateCareNeedBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { UseCase } from '../use-case.ts';
import { changeCareNeed } from './change-care-need.ts';
import { careNeedIssues } from './need-rules.ts';

/** Changes a need's schedule, hospital, way of service or notes; the kind stays (deactivate and add a new need instead). */
export async function updateCareNeed(
  use: UseCase & { patientId: string; needId: string; input: UpdateCareNeedBody },
): Promise<CareNeedView> {
  const { actor, patientId, needId, input, now, timeZone } = use;
  return changeCareNeed(use, 'update_need', async (tx, patient) => {
    const [need] = await tx
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
    const issues = careNeedIssues(
      merged,
      patient.nationalId,
      cityDateOf(now, timeZone),
      'body',
      actor.locale,
    );
    if (issues.length) throw errors.validation(issues);
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
    return row;
  });
}

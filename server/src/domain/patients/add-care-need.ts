import { careNeeds } from '@lastmeter/db';
import { type CareNeedInput, type CareNeedView, cityDateOf } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { careNeedRow } from './insert-patients.ts';
import { loadPatientFor } from './load-scope.ts';
import { checkNeedDates, NEED_RULE_MESSAGES, needWayIssues, toFieldIssues } from './need-rules.ts';
import { presentCareNeed } from './present-patient.ts';
import { recordNeedChange } from './record-need-change.ts';

export async function addCareNeed(
  use: UseCase & { patientId: string; input: CareNeedInput },
): Promise<CareNeedView> {
  const { db, actor, patientId, input, now, timeZone } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', 'add_need');
  if (!patient.consent) {
    throw errors.validation([
      {
        path: 'consent',
        message: NEED_RULE_MESSAGES.consent_required[actor.locale],
        code: 'consent_required',
      },
    ]);
  }
  const issues = [
    ...toFieldIssues(
      checkNeedDates(input, patient.nationalId, cityDateOf(now, timeZone)),
      'body',
      actor.locale,
    ),
    ...needWayIssues(input, cityDateOf(now, timeZone), 'body', actor.locale),
  ];
  if (issues.length) throw errors.validation(issues);
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx.insert(careNeeds).values(careNeedRow(patientId, input)).returning();
    if (!row) throw errors.internal();
    const event = await recordNeedChange(tx, {
      actor,
      action: 'add_need',
      need: row,
      compoundId: patient.compoundId,
      districtId,
    });
    return { view: presentCareNeed(row), event };
  });
  return view;
}

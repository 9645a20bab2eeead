import { careNeeds, type Db } from '@lastmeter/db';
import type { CareNeedInput, CareNeedView } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { loadPatientFor } from './load-scope.ts';
import {
  checkNeedDates,
  NEED_RULE_MESSAGES,
  needWayIssues,
  todayInShanghai,
  toFieldIssues,
} from './need-rules.ts';
import { presentCareNeed } from './present-patient.ts';
import { recordNeedChange } from './record-need-change.ts';

export async function addCareNeed({
  db,
  actor,
  patientId,
  input,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: CareNeedInput;
}): Promise<CareNeedView> {
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
    ...toFieldIssues(checkNeedDates(input, patient.nationalId, todayInShanghai()), 'body', actor.locale),
    ...needWayIssues(input, todayInShanghai(), 'body', actor.locale),
  ];
  if (issues.length) throw errors.validation(issues);
  const { view } = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careNeeds)
      .values({
        patientId,
        kind: input.kind,
        schedule: input.schedule,
        hospitalId: input.hospitalId ?? null,
        serveBy: input.serveBy ?? null,
        notes: input.notes,
      })
      .returning();
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

import { careNeeds } from '@lastmeter/db';
import { type CareNeedInput, type CareNeedView, cityDateOf } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { changeCareNeed } from './change-care-need.ts';
import { careNeedRow } from './insert-patients.ts';
import { careNeedIssues, NEED_RULE_MESSAGES } from './need-rules.ts';

export async function addCareNeed(
  use: UseCase & { patientId: string; input: CareNeedInput },
): Promise<CareNeedView> {
  const { actor, patientId, input, now, timeZone } = use;
  return changeCareNeed(use, 'add_need', async (tx, patient) => {
    if (!patient.consent) {
      throw errors.validation([
        {
          path: 'consent',
          message: NEED_RULE_MESSAGES.consent_required[actor.locale],
          code: 'consent_required',
        },
      ]);
    }
    const issues = careNeedIssues(input, patient.nationalId, cityDateOf(now, timeZone), 'body', actor.locale);
    if (issues.length) throw errors.validation(issues);
    const [row] = await tx.insert(careNeeds).values(careNeedRow(patientId, input)).returning();
    return row;
  });
}

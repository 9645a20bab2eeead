import type { Db } from '@lastmeter/db';
import type { CareNeedView } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { Acting } from '../use-case.ts';
import { type CareNeedRow, loadPatientFor, type PatientRow } from './load-scope.ts';
import { presentCareNeed } from './present-patient.ts';
import { recordNeedChange } from './record-need-change.ts';

/**
 * The skeleton of every change to a patient's care needs: the patient loaded for `write` in the
 * caller's scope (a refusal audited as `action`), then one transaction in which `write` checks and
 * writes the need (none matched: 404) and the change is audited and told to the rosters
 * (`recordNeedChange`).
 */
export async function changeCareNeed(
  use: Acting & { patientId: string },
  action: 'add_need' | 'update_need' | 'deactivate_need',
  write: (tx: Db, patient: PatientRow) => Promise<CareNeedRow | undefined>,
): Promise<CareNeedView> {
  const { db, actor, patientId } = use;
  const { patient, districtId } = await loadPatientFor(db, actor, patientId, 'write', action);
  return db.transaction(async (tx) => {
    const row = await write(tx, patient);
    if (!row) throw errors.notFound('Care need');
    await recordNeedChange(tx, { actor, action, need: row, compoundId: patient.compoundId, districtId });
    return presentCareNeed(row);
  });
}

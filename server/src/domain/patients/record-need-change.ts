import type { Db } from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { type RecordedEvent, recordEvent } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { CareNeedRow } from './load-scope.ts';

/**
 * Audits a need just added, changed or switched off and records `patient.need_changed` to the
 * patient's compound and district, where open rosters and dispatch refetch on it. Call it inside the
 * change's transaction; committing delivers it.
 */
export async function recordNeedChange(
  tx: Db,
  {
    actor,
    action,
    need,
    compoundId,
    districtId,
  }: {
    actor: Actor;
    action: 'add_need' | 'update_need' | 'deactivate_need';
    need: CareNeedRow;
    compoundId: string;
    districtId: string;
  },
): Promise<RecordedEvent> {
  await recordAudit(tx, {
    actor,
    action,
    entity: 'patient',
    entityId: need.patientId,
    outcome: 'allowed',
    detail: { needId: need.id, kind: need.kind },
  });
  return recordEvent(tx, {
    type: 'patient.need_changed',
    payload: { patientId: need.patientId, needId: need.id, kind: need.kind, active: need.active },
    actorId: actor.accountId,
    recipients: [rooms.compound(compoundId), rooms.district(districtId)],
  });
}

import type { OnlineVisitView } from '@lastmeter/shared';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { loadVisitFor } from './load-online-visit.ts';
import { presentOnlineVisit } from './present-online-visit.ts';

/** One online visit: the gatekeeper's card to print or read out, the desk's record. */
export async function getOnlineVisit(use: Acting & { visitId: string }): Promise<OnlineVisitView> {
  const { db, actor, visitId } = use;
  const loaded = await loadVisitFor(db, actor, visitId, 'read', 'read_online_visit');
  await recordAudit(db, {
    actor,
    action: 'read_online_visit',
    entity: 'patient',
    entityId: loaded.visit.patientId,
    outcome: 'allowed',
    detail: { visitId },
  });
  return presentOnlineVisit(actor, loaded);
}

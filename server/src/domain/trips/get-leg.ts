import { legEvents } from '@lastmeter/db';
import type { LegDetailView } from '@lastmeter/shared';
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../record-audit.ts';
import { loadLegFor } from '../schedule/load-leg.ts';
import type { Acting } from '../use-case.ts';
import { presentLegDetail } from './present-leg.ts';

/** One leg with its history (who, when, where), for anyone whose scope it touches. */
export async function getLeg(use: Acting & { legId: string }): Promise<LegDetailView> {
  const { db, actor, legId } = use;
  const ctx = await loadLegFor(db, actor, legId, 'read');
  const history = await db
    .select()
    .from(legEvents)
    .where(eq(legEvents.legId, legId))
    .orderBy(asc(legEvents.id));
  await recordAudit(db, {
    actor,
    action: 'leg.read',
    entity: 'patient',
    entityId: ctx.patient.id,
    outcome: 'allowed',
    detail: { legId },
  });
  return presentLegDetail(ctx, history, actor);
}

import { compounds, type Db, legs, requests } from '@lastmeter/db';
import { cityDateOf, type LegView } from '@lastmeter/shared';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeCompound } from '../patients/load-scope.ts';
import { recordAudit } from '../record-audit.ts';
import { loadLegContexts } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/**
 * Today's gate schedule of a compound: who leaves (outbound pickups) and who comes back (return
 * drop-offs), when and in which vehicle, in time order at the gate.
 */
export async function getGateSchedule({
  db,
  actor,
  compoundId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<LegView[]> {
  await authorizeCompound(db, actor, compoundId, 'read');
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadLegContexts(
    db,
    and(
      eq(compounds.id, compoundId),
      eq(requests.date, day),
      notInArray(legs.status, ['cancelled', 'declined']),
    ),
  );
  const atGate = (c: (typeof contexts)[number]) =>
    (c.leg.direction === 'outbound'
      ? (c.leg.plannedPickupAt ?? c.leg.pickupWindowStart)
      : (c.leg.plannedDropoffAt ?? c.leg.pickupWindowStart)
    )?.getTime() ?? Number.MAX_SAFE_INTEGER;
  contexts.sort((a, b) => atGate(a) - atGate(b));
  if (contexts.length) {
    await recordAudit(db, {
      actor,
      action: 'gate_schedule.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { compoundId, date: day, legs: contexts.length },
    });
  }
  return contexts.map((c) => presentLeg(c, actor));
}

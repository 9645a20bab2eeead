import { compounds, legs, requests } from '@lastmeter/db';
import { cityDateOf, type LegView } from '@lastmeter/shared';
import { and, eq, notInArray } from 'drizzle-orm';
import { authorizeCompound } from '../patients/load-scope.ts';
import { recordListRead } from '../record-audit.ts';
import { loadLegContexts } from '../schedule/load-leg.ts';
import type { UseCase } from '../use-case.ts';
import { presentLeg } from './present-leg.ts';

/**
 * Today's gate schedule of a compound: who leaves (outbound pickups) and who comes back (return
 * drop-offs), when and in which vehicle, in time order at the gate.
 */
export async function getGateSchedule(
  use: UseCase & { compoundId: string; date?: string | undefined },
): Promise<LegView[]> {
  const { db, actor, compoundId, date, timeZone, now } = use;
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
  await recordListRead(db, actor, 'gate_schedule.read', contexts.length, {
    compoundId,
    date: day,
    legs: contexts.length,
  });
  return contexts.map((c) => presentLeg(c, actor));
}

import { compounds, type Db, districts } from '@lastmeter/db';
import { type CompoundLevelChange, rooms } from '@lastmeter/shared';
import { compoundLevel } from '@lastmeter/shared/geo/zone-level.ts';
import { eq } from 'drizzle-orm';
import { type NewDomainEvent, recordEvents } from '../events/record-event.ts';
import { zonesInForce } from './level-now.ts';

/**
 * Serialises the zone writes of one district: the first statement of each zone-writing transaction.
 * Taken after the zone insert instead, two draws would each hold the district row's key-share lock
 * (from the foreign key) while waiting for the other's to upgrade: a deadlock (tests/integration/districts/zones.concurrency.test.ts).
 */
export async function lockDistrictZones(tx: Db, districtId: string): Promise<void> {
  await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, districtId)).for('update');
}

/**
 * Re-derives every compound level of a district from the zones in force at `at`, writes the ones that
 * moved and records a `compound.level_changed` event for each (district dispatch and the compound's
 * room). Called inside every zone change, and on a timer by the live layer because zones also start
 * and lapse by themselves. Pass a transaction: the district row lock taken here serialises concurrent
 * recomputes of one district, so two zone edits cannot each write levels computed from a stale view.
 * With `events`, the events are added to that list for the caller to record with the rest of its
 * transaction's events in one `recordEvents` call; without, they are recorded here in one call.
 */
export async function recomputeCompoundLevels({
  db,
  districtId,
  at,
  actorId = null,
  events,
}: {
  db: Db;
  districtId: string;
  at: Date;
  actorId?: string | null;
  events?: NewDomainEvent[];
}): Promise<CompoundLevelChange[]> {
  await lockDistrictZones(db, districtId);
  const zoneRows = await zonesInForce(db, districtId, at);
  const compoundRows = await db
    .select({
      id: compounds.id,
      boundary: compounds.boundary,
      level: compounds.level,
      levelZoneId: compounds.levelZoneId,
    })
    .from(compounds)
    .where(eq(compounds.districtId, districtId));
  const changes: CompoundLevelChange[] = [];
  for (const compound of compoundRows) {
    const next = compoundLevel(compound.boundary, zoneRows, at);
    if (next.level === compound.level && next.zoneId === compound.levelZoneId) continue;
    await db
      .update(compounds)
      .set({ level: next.level, levelZoneId: next.zoneId })
      .where(eq(compounds.id, compound.id));
    changes.push({ compoundId: compound.id, from: compound.level, to: next.level, zoneId: next.zoneId });
  }
  const pending: NewDomainEvent[] = changes
    .filter((change) => change.from !== change.to)
    .map((change) => ({
      type: 'compound.level_changed',
      payload: { districtId, ...change, at: at.toISOString() },
      actorId,
      recipients: [rooms.district(districtId), rooms.compound(change.compoundId)],
    }));
  if (events) events.push(...pending);
  else await recordEvents(db, pending);
  return changes;
}

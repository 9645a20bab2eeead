import type { Db, zones } from '@lastmeter/db';
import { COMPOUND_LEVELS, type CompoundLevelChange, rooms, type ZoneChangeResult } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { type NewDomainEvent, type RecordedEvent, recordEvents } from '../events/record-event.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import { flagLegsForZoneChange } from '../trips/flag-legs-for-zone-change.ts';
import { presentZone } from './present-district.ts';
import { recomputeCompoundLevels } from './recompute-compound-levels.ts';

export type ZoneChange = 'created' | 'updated' | 'ended' | 'imported';

/**
 * A compound whose level tightened to `controlled` or `sealed`: its patients may not be let out as
 * planned, so its open legs go to dispatch. Easing or `precaution` changes nothing for a booked trip.
 */
function tightened(change: CompoundLevelChange): boolean {
  const rank = (level: CompoundLevelChange['to']) => COMPOUND_LEVELS.indexOf(level);
  return rank(change.to) > rank(change.from) && (change.to === 'controlled' || change.to === 'sealed');
}

/**
 * The tail of every zone write, inside its transaction: re-derive the district's compound levels, flag
 * the open legs of compounds that tightened to dispatch, and tell dispatch and every compound that
 * moved, so the change and its consequences commit together. All the events are recorded in one
 * `recordEvents` call (one sorted pass over the stream heads).
 */
export async function zoneChanged(
  tx: Db,
  {
    actor,
    districtId,
    change,
    rows,
    now,
    timeZone,
  }: {
    actor: Actor;
    districtId: string;
    change: ZoneChange;
    rows: (typeof zones.$inferSelect)[];
    /** The server's clock (server/src/clock.ts) and the city's zone: legs are judged from this moment. */
    now: Date;
    timeZone: string;
  },
): Promise<{ result: ZoneChangeResult; events: RecordedEvent[] }> {
  const pending: NewDomainEvent[] = [];
  const compoundLevelChanges = await recomputeCompoundLevels({
    db: tx,
    districtId,
    at: now,
    actorId: actor.accountId,
    events: pending,
  });
  const presented = rows.map(presentZone);
  pending.push({
    type: 'zone.changed',
    payload: {
      districtId,
      change,
      zones: presented.map((z) => ({
        id: z.id,
        name: z.name,
        level: z.level,
        validFrom: z.validFrom,
        validTo: z.validTo,
        endedAt: z.endedAt,
      })),
      compoundLevelChanges,
    },
    actorId: actor.accountId,
    recipients: [
      rooms.district(districtId),
      ...compoundLevelChanges.map((c) => rooms.compound(c.compoundId)),
    ],
  });
  const tripEvents = new TripEvents(tx, actor.accountId, now, timeZone);
  await flagLegsForZoneChange({
    db: tx,
    compoundIds: compoundLevelChanges.filter(tightened).map((c) => c.compoundId),
    actorId: actor.accountId,
    events: tripEvents,
  });
  const events = await recordEvents(tx, [...pending, ...tripEvents.drain()]);
  return { result: { zones: presented, compoundLevelChanges }, events };
}

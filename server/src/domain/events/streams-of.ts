import { rooms } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import type { Actor } from '../actor.ts';

/**
 * The durable streams an actor may read, derived from its scope only: the server chooses them, a
 * client naming any other stream gets nothing. A stream is also the Socket.IO room it is pushed to.
 */
export function streamsOf(actor: Actor): string[] {
  const own = rooms.account(actor.accountId);
  switch (actor.role) {
    case 'admin':
      return [own];
    case 'dispatcher':
      return [own, ...actor.districtIds.map(rooms.district)];
    case 'gatekeeper':
      return [own, ...actor.compoundIds.map(rooms.compound)];
    case 'hospital':
      return actor.hospitalId ? [own, rooms.hospital(actor.hospitalId)] : [own];
    case 'driver':
      return actor.vehicleId ? [own, rooms.vehicle(actor.vehicleId)] : [own];
    default:
      return exhaustive(actor.role);
  }
}

/** Keeps only the entries of `offsets` naming one of the actor's streams. */
export function ownStreams(actor: Actor, offsets: Record<string, number>): Map<string, number> {
  const owned = new Set(streamsOf(actor));
  return new Map(Object.entries(offsets).filter(([stream]) => owned.has(stream)));
}

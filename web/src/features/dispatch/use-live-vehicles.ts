import { payloadOf, type StreamEvent, type VehicleStale } from '@lastmeter/shared';
import { useEffect, useState } from 'react';
import { useSocketEvent } from '../../realtime/socket.ts';

/** A position older than this is shown greyed: the driver's phone has gone quiet. */
const STALE_AFTER_MS = 3 * 60_000;

export interface LivePosition {
  lng: number;
  lat: number;
  receivedAt: number;
  /** The server said so (`vehicle.stale`), or no report for STALE_AFTER_MS. */
  stale: boolean;
  /** The positions before this one, oldest first (at most TRAIL_LENGTH): the map draws where it came from. */
  trail: readonly [number, number][];
}

/** How many earlier positions a vehicle's trail keeps: a few minutes of driving at the usual interval. */
const TRAIL_LENGTH = 8;

function isVehicleStale(event: StreamEvent): VehicleStale | null {
  return payloadOf(event, 'vehicle.stale');
}

/**
 * Vehicle positions as they arrive over the socket. Positions are ephemeral on the wire and the API
 * does not return the last known one, so a vehicle shows at its base until its driver's phone reports.
 */
export function useLivePositions(districtId: string): ReadonlyMap<string, LivePosition> {
  const [positions, setPositions] = useState<ReadonlyMap<string, LivePosition>>(new Map());
  const [now, setNow] = useState(() => Date.now());

  useSocketEvent('vehicle.position', (position) => {
    if (position.districtId !== districtId) return;
    setPositions((previous) => {
      const next = new Map(previous);
      const before = previous.get(position.vehicleId);
      next.set(position.vehicleId, {
        lng: position.lng,
        lat: position.lat,
        receivedAt: Date.now(),
        stale: false,
        trail: before
          ? [...before.trail, [before.lng, before.lat] as [number, number]].slice(-TRAIL_LENGTH)
          : [],
      });
      return next;
    });
  });

  useSocketEvent('event', (event) => {
    const stale = isVehicleStale(event);
    if (!stale || stale.districtId !== districtId) return;
    setPositions((previous) => {
      const known = previous.get(stale.vehicleId);
      if (!known) return previous;
      const next = new Map(previous);
      next.set(stale.vehicleId, { ...known, stale: stale.stale });
      return next;
    });
  });

  // Re-evaluate staleness even when nothing arrives: silence is exactly the case to show.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const result = new Map<string, LivePosition>();
  for (const [id, position] of positions) {
    result.set(id, { ...position, stale: position.stale || now - position.receivedAt > STALE_AFTER_MS });
  }
  return result;
}

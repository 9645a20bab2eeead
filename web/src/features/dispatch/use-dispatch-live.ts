import { useQueryClient } from '@tanstack/react-query';
import { useSocketEvent } from '../../realtime/socket.ts';
import { dispatchKeys } from './queries.ts';

/** Which cached lists of the board a durable event makes stale. */
function touched(type: string): readonly string[] {
  if (type === 'zone.changed' || type === 'compound.level_changed') return ['zones', 'compounds', 'overview'];
  if (type.startsWith('incident.')) return ['incidents', 'legs'];
  if (
    type.startsWith('job.') ||
    type.startsWith('leg.') ||
    type.startsWith('patient.') ||
    type === 'arrival.expected'
  ) {
    return ['legs', 'requests', 'overview'];
  }
  if (type.startsWith('request')) return ['requests', 'overview'];
  // A parcel planned, assigned, moved or handed over: its list, and the needs it serves.
  if (type === 'delivery.updated') return ['deliveries', 'requests', 'overview'];
  // The map colours vehicles by status: on a job, disinfecting, available again.
  if (type === 'vehicle.status_changed') return ['vehicles'];
  return [];
}

/**
 * Live events refetch the lists they touch: the socket carries small invalidation messages and the
 * API stays the source of truth (a missed push is healed by the reconnect refetch).
 */
export function useDispatchLive(districtId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('event', (event) => {
    for (const part of touched(event.type)) {
      void queryClient.invalidateQueries({ queryKey: [...dispatchKeys.district(districtId), part] });
    }
  });
}

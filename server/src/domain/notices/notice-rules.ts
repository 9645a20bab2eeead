import type { NoticeKind } from '@lastmeter/shared';

/** The facts of a leg event the notices care about (from its payload, `legEventPayload`). */
export interface LegFacts {
  type: string;
  legId: string;
  tripId: string;
  direction: 'outbound' | 'return';
  status: string;
  released: boolean;
  vehicleId: string | null;
  plannedPickupAt: string | null;
}

export interface NoticeDecision {
  kind: NoticeKind;
  key: string;
}

/** A changed pickup time is worth a message when it moves by this much. */
export const CHANGE_THRESHOLD_MS = 10 * 60_000;

/**
 * Which notice a leg event calls for, if any. `toldPickupAt` is the pickup time the household was
 * last told (evening notice or an earlier change): a later move of ≥ 10 min is a `trip_changed`.
 */
export function noticeFor(leg: LegFacts, toldPickupAt: string | undefined): NoticeDecision | null {
  if (leg.direction === 'outbound') {
    if (leg.status === 'en_route') return { kind: 'vehicle_departed', key: leg.legId };
    if (leg.status === 'at_pickup') return { kind: 'vehicle_at_gate', key: leg.legId };
    if (leg.status === 'cancelled') return { kind: 'trip_cancelled', key: 'trip' };
    if (
      toldPickupAt &&
      leg.plannedPickupAt &&
      ['planned', 'assigned', 'accepted'].includes(leg.status) &&
      Math.abs(Date.parse(leg.plannedPickupAt) - Date.parse(toldPickupAt)) >= CHANGE_THRESHOLD_MS
    )
      return { kind: 'trip_changed', key: leg.plannedPickupAt };
    return null;
  }
  if (leg.released && leg.vehicleId && (leg.status === 'assigned' || leg.status === 'accepted'))
    return { kind: 'return_booked', key: `${leg.legId}:${leg.vehicleId}` };
  return null;
}

/** A leg event's facts, or null for any other event. */
export function legFacts(type: string, payload: Record<string, unknown>): LegFacts | null {
  const { legId, tripId, direction, status, released, vehicle, plannedPickupAt } = payload;
  if (typeof legId !== 'string' || typeof tripId !== 'string' || typeof status !== 'string') return null;
  if (direction !== 'outbound' && direction !== 'return') return null;
  const vehicleId =
    vehicle && typeof vehicle === 'object' && 'id' in vehicle && typeof vehicle.id === 'string'
      ? vehicle.id
      : null;
  return {
    type,
    legId,
    tripId,
    direction,
    status,
    released: released !== false,
    vehicleId,
    plannedPickupAt: typeof plannedPickupAt === 'string' ? plannedPickupAt : null,
  };
}

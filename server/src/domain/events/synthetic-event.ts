import type { NewDomainEvent } from './record-event.ts';

/**
 * A synthetic event for the delivery benchmarks (server/src/realtime/bench) and delivery tests: a
 * `leg.eta_updated` that fits the event contract (shared/src/events.ts) about a leg that does not
 * exist, plus any marker fields (`{ n }`) the caller wants to find again. Delivery never reads a
 * payload, so these measure and test exactly what real events go through.
 */
export function syntheticEvent(
  recipients: string[],
  marker: Record<string, unknown> = {},
): NewDomainEvent<'leg.eta_updated'> {
  const now = new Date();
  return {
    type: 'leg.eta_updated',
    payload: {
      legId: 'synthetic',
      tripId: 'synthetic',
      date: now.toISOString().slice(0, 10),
      vehicleId: 'synthetic',
      stop: 'pickup',
      etaAt: now.toISOString(),
      minutes: 1,
      ...marker,
    },
    actorId: null,
    recipients,
  };
}

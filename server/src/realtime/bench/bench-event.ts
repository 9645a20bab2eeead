import type { NewDomainEvent } from '../../domain/events/record-event.ts';

/**
 * A synthetic event for the delivery benchmarks: a `leg.eta_updated` that fits the event contract
 * (shared/src/events.ts), about a leg that does not exist. Delivery never looks inside a payload.
 */
export function benchEvent(legId: string, recipients: string[]): NewDomainEvent<'leg.eta_updated'> {
  const now = new Date();
  return {
    type: 'leg.eta_updated',
    payload: {
      legId,
      tripId: legId,
      date: now.toISOString().slice(0, 10),
      vehicleId: legId,
      stop: 'pickup',
      etaAt: now.toISOString(),
      minutes: 1,
    },
    actorId: null,
    recipients,
  };
}

import { type EventPayload, rooms } from '@lastmeter/shared';
import type { NewDomainEvent } from '../events/record-event.ts';

type RequestEventType = 'request.created' | 'request.emergency' | 'request.way_changed';

/**
 * An event on a request, to the rooms that follow requests: its district's dispatch and its
 * compound's gate (the compound is the payload's).
 */
export function requestEvent<T extends RequestEventType>(
  type: T,
  payload: EventPayload<T>,
  { districtId, actorId }: { districtId: string; actorId: string },
): NewDomainEvent {
  const { compoundId } = payload as EventPayload<RequestEventType>;
  return {
    type,
    payload,
    actorId,
    recipients: [rooms.district(districtId), rooms.compound(compoundId)],
  } as NewDomainEvent;
}

import { useQueryClient } from '@tanstack/react-query';
import { useSocketEvent } from '../../realtime/socket.ts';
import { patientKeys } from './api.ts';

/** The compound stream's events that change who is on a roster or the pending list, or their needs. */
const REGISTRY_EVENT_TYPES = new Set([
  'patient.registered',
  'patient.updated',
  'patient.pending',
  'patient.verified',
  'patient.rejected',
  'patient.archived',
  'patient.need_changed',
  'patients.imported',
]);

/**
 * Keeps rosters and the pending list live: a resident's self-registration, an import or another
 * gatekeeper's decision or edit shows up without a reload. Events carry ids only; the lists are refetched.
 */
export function useRegistryLive(): void {
  const queryClient = useQueryClient();
  useSocketEvent('event', (event) => {
    if (REGISTRY_EVENT_TYPES.has(event.type))
      void queryClient.invalidateQueries({ queryKey: patientKeys.all });
  });
}

import { LegView } from '@lastmeter/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

export const gateKeys = {
  all: ['gate-schedule'] as const,
  day: (compoundId: string) => ['gate-schedule', compoundId] as const,
};

/** Today's legs at the compound's gates (the server picks "today" in the city's time zone). */
export function gateScheduleQuery(compoundId: string) {
  return queryOptions({
    queryKey: gateKeys.day(compoundId),
    queryFn: ({ signal }) => api.get(`/compounds/${compoundId}/gate-schedule`, z.array(LegView), signal),
    // The socket keeps it fresh; the interval only covers a push missed while the tab slept.
    refetchInterval: 60_000,
  });
}

export type GateStep = 'out' | 'back';

/** "Out" releases an outbound leg at the gate; "back" closes the loop on a return leg. */
export function useGateStep(compoundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leg, step }: { leg: LegView; step: GateStep }) =>
      api.post(`/legs/${leg.id}/${step}`, LegView, { version: leg.version }),
    onSuccess: (updated) =>
      queryClient.setQueryData(gateKeys.day(compoundId), (legs: LegView[] | undefined) =>
        legs?.map((leg) => (leg.id === updated.id ? updated : leg)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: gateKeys.day(compoundId) }),
  });
}

/** Leg events that change what the gate list shows. */
export const GATE_EVENT_TYPES = new Set([
  'leg.status_changed',
  'leg.eta_updated',
  'patient.out',
  'patient.back',
  'job.assigned',
  'job.updated',
  'job.cancelled',
]);

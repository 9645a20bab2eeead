import {
  type DeliveryStep,
  DeliveryView,
  DriverDeliveryView,
  type PrescriptionInput,
} from '@lastmeter/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

export const deliveryKeys = {
  all: ['deliveries'] as const,
  mine: ['deliveries', 'mine'] as const,
  compound: (compoundId: string) => ['deliveries', 'compound', compoundId] as const,
};

/** The live event that changes every delivery list (shared/src/events.ts `delivery.updated`). */
export const DELIVERY_EVENT = 'delivery.updated';

export const myDeliveriesQuery = queryOptions({
  queryKey: deliveryKeys.mine,
  queryFn: ({ signal }) => api.get('/me/deliveries', z.array(DriverDeliveryView), signal),
  refetchInterval: 60_000,
});

/** Today's medicines for a compound's gate (the server picks "today" in the city's time zone). */
export function compoundDeliveriesQuery(compoundId: string) {
  return queryOptions({
    queryKey: deliveryKeys.compound(compoundId),
    queryFn: ({ signal }) => api.get(`/compounds/${compoundId}/deliveries`, z.array(DeliveryView), signal),
    refetchInterval: 60_000,
  });
}

const STEP_PATH: Record<DeliveryStep, string> = {
  pick_up: 'pick-up',
  hand_to_gate: 'at-gate',
  receive: 'received',
  hand_over: 'handed-over',
  cancel: 'cancel',
};

/** A driver's step: answered with the driver's contactless view. */
export function useDriverDeliveryStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      delivery,
      step,
      position,
    }: {
      delivery: DriverDeliveryView;
      step: 'pick_up' | 'hand_to_gate';
      position?: { lng: number; lat: number } | undefined;
    }) =>
      api.post(`/deliveries/${delivery.id}/${STEP_PATH[step]}`, DriverDeliveryView, {
        version: delivery.version,
        ...position,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.mine }),
  });
}

/** The gatekeeper's steps: received, handed over, cancelled. */
export function useGateDeliveryStep(compoundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      delivery,
      step,
      note,
    }: {
      delivery: DeliveryView;
      step: 'receive' | 'hand_over' | 'cancel';
      note?: string | undefined;
    }) =>
      api.post(`/deliveries/${delivery.id}/${STEP_PATH[step]}`, DeliveryView, {
        version: delivery.version,
        ...(note ? { note } : {}),
      }),
    onSuccess: (updated) =>
      queryClient.setQueryData(deliveryKeys.compound(compoundId), (list: DeliveryView[] | undefined) =>
        list?.map((d) => (d.id === updated.id ? updated : d)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.compound(compoundId) }),
  });
}

export function useCreatePrescription(compoundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ patientId, input }: { patientId: string; input: PrescriptionInput }) =>
      api.post(`/patients/${patientId}/prescriptions`, DeliveryView, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.compound(compoundId) }),
  });
}

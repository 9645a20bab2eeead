import {
  OnlineVisitJoinView,
  OnlineVisitList,
  OnlineVisitView,
  type RecordVisitOutcomeBody,
  RequestView,
  type StreamEvent,
  type WayOfService,
} from '@lastmeter/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

export const careKeys = {
  all: ['care'] as const,
  compound: (compoundId: string, date: string) => ['care', 'compound', compoundId, date] as const,
  hospital: (hospitalId: string, date: string) => ['care', 'hospital', hospitalId, date] as const,
};

/** The compound's requests of the day: what each needs and how it is served. */
export const compoundRequestsQuery = (compoundId: string, date: string) =>
  queryOptions({
    queryKey: [...careKeys.compound(compoundId, date), 'requests'],
    queryFn: ({ signal }) =>
      api.get(`/requests?compoundId=${compoundId}&date=${date}`, z.array(RequestView), signal),
  });

export const compoundVisitsQuery = (compoundId: string, date: string) =>
  queryOptions({
    queryKey: [...careKeys.compound(compoundId, date), 'visits'],
    queryFn: ({ signal }) =>
      api.get(`/online-visits?compoundId=${compoundId}&date=${date}`, OnlineVisitList, signal),
  });

export const hospitalVisitsQuery = (hospitalId: string, date: string) =>
  queryOptions({
    queryKey: [...careKeys.hospital(hospitalId, date), 'visits'],
    queryFn: ({ signal }) =>
      api.get(`/online-visits?hospitalId=${hospitalId}&date=${date}`, OnlineVisitList, signal),
    // The socket keeps it fresh; the interval only covers a push missed while the tab slept.
    refetchInterval: 60_000,
  });

export const joinLinkQuery = (token: string) =>
  queryOptions({
    queryKey: ['care', 'join', token],
    queryFn: ({ signal }) => api.get(`/visit/${token}`, OnlineVisitJoinView, signal),
    // The family's page says when the doctor starts: it looks again now and then.
    refetchInterval: 20_000,
  });

/** Events after which the care lists are read again. */
export function isCareEvent(event: StreamEvent): boolean {
  return event.type.startsWith('online_visit.') || event.type.startsWith('request');
}

export function useChooseWay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, serveBy }: { requestId: string; serveBy: WayOfService }) =>
      api.put(`/requests/${requestId}/way`, RequestView, { serveBy }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export function useBookOnlineVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => api.post(`/requests/${requestId}/online-visit`, OnlineVisitView, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export function useStartVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (visitId: string) => api.post(`/online-visits/${visitId}/start`, OnlineVisitView),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export function useRecordOutcome() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, body }: { visitId: string; body: z.input<typeof RecordVisitOutcomeBody> }) =>
      api.post(`/online-visits/${visitId}/outcome`, OnlineVisitView, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export function useRescheduleVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, startsAt }: { visitId: string; startsAt: string }) =>
      api.post(`/online-visits/${visitId}/reschedule`, OnlineVisitView, { startsAt }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export function useCancelVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, note }: { visitId: string; note: string }) =>
      api.post(`/online-visits/${visitId}/cancel`, OnlineVisitView, { note }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

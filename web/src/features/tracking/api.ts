import { TrackingLinkView, TrackView } from '@lastmeter/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The family's page polls this often while open; the server counts only the first load as a view. */
const TRACK_REFRESH_MS = 5_000;

/** Links this page load has already opened once: later reads are refreshes. */
const opened = new Set<string>();

export function trackQuery(token: string) {
  return queryOptions({
    queryKey: ['track', token],
    queryFn: async ({ signal }) => {
      const refresh = opened.has(token) ? '?refresh=1' : '';
      const view = await api.get(`/track/${encodeURIComponent(token)}${refresh}`, TrackView, signal);
      opened.add(token);
      return view;
    },
    refetchInterval: TRACK_REFRESH_MS,
    retry: false,
  });
}

export function trackingLinkQuery(tripId: string) {
  return queryOptions({
    queryKey: ['tracking-link', tripId],
    queryFn: ({ signal }) => api.get(`/trips/${tripId}/tracking-link`, TrackingLinkView, signal),
    retry: false,
  });
}

export function useCreateTrackingLink(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/trips/${tripId}/tracking-link`, TrackingLinkView, {}),
    onSuccess: (link) => queryClient.setQueryData(['tracking-link', tripId], link),
  });
}

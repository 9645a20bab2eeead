import {
  type SelfRegistrationBody,
  SelfRegistrationInfo,
  SelfRegistrationLink,
  SelfRegistrationReceipt,
} from '@lastmeter/shared';
import { queryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export function selfRegistrationLinkQuery(compoundId: string) {
  return queryOptions({
    queryKey: ['self-registration', 'link', compoundId],
    queryFn: ({ signal }) =>
      api.get(`/compounds/${compoundId}/self-registration`, SelfRegistrationLink, signal),
    staleTime: 10 * 60_000,
  });
}

export function qrImageUrl(compoundId: string): string {
  return `/api/v1/compounds/${compoundId}/self-registration/qr.png`;
}

export function selfRegistrationFormQuery(token: string) {
  return queryOptions({
    queryKey: ['self-registration', 'form', token],
    queryFn: ({ signal }) =>
      api.get(`/self-registration/${encodeURIComponent(token)}`, SelfRegistrationInfo, signal),
    retry: false,
  });
}

export function useSubmitSelfRegistration(token: string) {
  return useMutation({
    mutationFn: (body: SelfRegistrationBody) =>
      api.post(`/self-registration/${encodeURIComponent(token)}`, SelfRegistrationReceipt, body),
  });
}

import {
  type CareNeedInput,
  CareNeedView,
  Compound,
  Hospital,
  type NeedKind,
  PatientList,
  type PatientStatus,
  PatientView,
  type RegisterPatientBody,
  RevealedIdentity,
  type UpdatePatientBody,
} from '@lastmeter/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

export interface RosterFilters {
  kind?: NeedKind | undefined;
  status?: PatientStatus | undefined;
  q?: string | undefined;
}

export const patientKeys = {
  all: ['patients'] as const,
  roster: (compoundId: string, filters: RosterFilters) =>
    ['patients', 'roster', compoundId, filters] as const,
  one: (patientId: string) => ['patients', 'one', patientId] as const,
};

export function compoundQuery(compoundId: string) {
  return queryOptions({
    queryKey: ['compounds', compoundId],
    queryFn: ({ signal }) => api.get(`/compounds/${compoundId}`, Compound, signal),
    staleTime: 5 * 60_000,
  });
}

export const hospitalsQuery = queryOptions({
  queryKey: ['hospitals'],
  queryFn: ({ signal }) => api.get('/hospitals', z.array(Hospital), signal),
  staleTime: 5 * 60_000,
});

export function rosterQuery(compoundId: string, filters: RosterFilters) {
  const params = new URLSearchParams({ limit: '500' });
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  return queryOptions({
    queryKey: patientKeys.roster(compoundId, filters),
    queryFn: ({ signal }) => api.get(`/compounds/${compoundId}/patients?${params}`, PatientList, signal),
  });
}

export function patientQuery(patientId: string) {
  return queryOptions({
    queryKey: patientKeys.one(patientId),
    queryFn: ({ signal }) => api.get(`/patients/${patientId}`, PatientView, signal),
  });
}

/** Every patient mutation changes rosters, counts and the pending list: refetch them all. */
function useInvalidatePatients() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: patientKeys.all });
}

export function useRegisterPatient(compoundId: string) {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: (body: RegisterPatientBody) =>
      api.post(`/compounds/${compoundId}/patients`, PatientView, body),
    onSuccess: invalidate,
  });
}

export function useUpdatePatient(patientId: string) {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: (body: UpdatePatientBody) => api.patch(`/patients/${patientId}`, PatientView, body),
    onSuccess: invalidate,
  });
}

export function useAddCareNeed(patientId: string) {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: (body: CareNeedInput) => api.post(`/patients/${patientId}/needs`, CareNeedView, body),
    onSuccess: invalidate,
  });
}

export function useDeactivateCareNeed(patientId: string) {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: (needId: string) =>
      api.post(`/patients/${patientId}/needs/${needId}/deactivate`, CareNeedView),
    onSuccess: invalidate,
  });
}

/** Audited on the server; the answer is never cached, so the full identity lives only in the component. */
export function useRevealIdentity() {
  return useMutation({
    mutationFn: ({ patientId, reason }: { patientId: string; reason?: string }) =>
      api.post(`/patients/${patientId}/reveal`, RevealedIdentity, reason ? { reason } : {}),
  });
}

export function useVerifyPatient() {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: (patientId: string) => api.post(`/patients/${patientId}/verify`, PatientView),
    onSuccess: invalidate,
  });
}

export function useRejectPatient() {
  const invalidate = useInvalidatePatients();
  return useMutation({
    mutationFn: ({ patientId, reason }: { patientId: string; reason: string }) =>
      api.post(`/patients/${patientId}/reject`, PatientView, { reason }),
    onSuccess: invalidate,
  });
}

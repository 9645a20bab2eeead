import { Hospital, HospitalCapacity, HospitalSlots, LegView } from '@lastmeter/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

export const hospitalKeys = { hospital: (hospitalId: string) => ['hospital', hospitalId] as const };

export const hospitalQuery = (hospitalId: string) =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'record'],
    queryFn: ({ signal }) => api.get(`/hospitals/${hospitalId}`, Hospital, signal),
  });

export const arrivalsQuery = (hospitalId: string, date: string) =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'arrivals', date],
    queryFn: ({ signal }) =>
      api.get(`/hospitals/${hospitalId}/arrivals?date=${date}`, z.array(LegView), signal),
  });

export const capacityQuery = (hospitalId: string, date: string) =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'capacity', date],
    queryFn: ({ signal }) =>
      api.get(`/hospitals/${hospitalId}/capacity?date=${date}`, HospitalCapacity, signal),
  });

export const slotsQuery = (hospitalId: string) =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'slots'],
    queryFn: ({ signal }) => api.get(`/hospitals/${hospitalId}/slots`, HospitalSlots, signal),
  });

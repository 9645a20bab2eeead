import {
  Hospital,
  HospitalCapacity,
  HospitalSlots,
  LegView,
  ReturnPickupView,
  type SlotChannel,
} from '@lastmeter/shared';
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

/** On-site capacity (the default) or online-visit capacity: the same model on its own routes. */
export const capacityQuery = (hospitalId: string, date: string, channel: SlotChannel = 'on_site') =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'capacity', channel, date],
    queryFn: ({ signal }) =>
      api.get(
        `/hospitals/${hospitalId}/${channel === 'online' ? 'online-capacity' : 'capacity'}?date=${date}`,
        HospitalCapacity,
        signal,
      ),
  });

export const slotsQuery = (hospitalId: string, channel: SlotChannel = 'on_site') =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'slots', channel],
    queryFn: ({ signal }) =>
      api.get(
        `/hospitals/${hospitalId}/${channel === 'online' ? 'online-slots' : 'slots'}`,
        HospitalSlots,
        signal,
      ),
  });

export const returnPickupsQuery = (hospitalId: string, date: string) =>
  queryOptions({
    queryKey: [...hospitalKeys.hospital(hospitalId), 'return-pickups', date],
    queryFn: ({ signal }) =>
      api.get(`/hospitals/${hospitalId}/return-pickups?date=${date}`, z.array(ReturnPickupView), signal),
  });

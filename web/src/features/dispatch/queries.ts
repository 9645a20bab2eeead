import {
  Compound,
  DeliveryView,
  District,
  Hospital,
  IncidentView,
  LegView,
  Overview,
  RequestView,
  Vehicle,
  Zone,
} from '@lastmeter/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

/** Query keys start with the district, so one live event can invalidate a district's whole board. */
export const dispatchKeys = {
  all: ['dispatch'] as const,
  district: (districtId: string) => ['dispatch', districtId] as const,
};

export const districtsQuery = queryOptions({
  queryKey: ['districts'],
  queryFn: ({ signal }) => api.get('/districts', z.array(District), signal),
  staleTime: 5 * 60_000,
});

export const hospitalsQuery = queryOptions({
  queryKey: ['hospitals'],
  queryFn: ({ signal }) => api.get('/hospitals', z.array(Hospital), signal),
});

export const compoundsQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'compounds'],
    queryFn: ({ signal }) => api.get(`/districts/${districtId}/compounds`, z.array(Compound), signal),
  });

export const zonesQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'zones'],
    queryFn: ({ signal }) => api.get(`/districts/${districtId}/zones`, z.array(Zone), signal),
  });

export const vehiclesQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'vehicles'],
    queryFn: ({ signal }) =>
      api.get(`/vehicles?districtId=${encodeURIComponent(districtId)}`, z.array(Vehicle), signal),
  });

export const overviewQuery = (districtId: string, date: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'overview', date],
    queryFn: ({ signal }) => api.get(`/districts/${districtId}/overview?date=${date}`, Overview, signal),
  });

export const requestsQuery = (districtId: string, date: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'requests', date],
    queryFn: ({ signal }) =>
      api.get(
        `/requests?date=${date}&districtId=${encodeURIComponent(districtId)}`,
        z.array(RequestView),
        signal,
      ),
  });

export const incidentsQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'incidents'],
    queryFn: ({ signal }) =>
      api.get(
        `/incidents?open=true&districtId=${encodeURIComponent(districtId)}`,
        z.array(IncidentView),
        signal,
      ),
  });

/**
 * Every leg of the district's day in one request, declined and cancelled included (`statuses`
 * narrows it on the server).
 */
export const districtLegsQuery = (
  districtId: string,
  date: string,
  statuses?: readonly LegView['status'][],
) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'legs', date, statuses?.join(',') ?? 'all'],
    queryFn: ({ signal }) =>
      api.get(
        `/districts/${districtId}/legs?date=${date}${statuses?.length ? `&status=${statuses.join(',')}` : ''}`,
        z.array(LegView),
        signal,
      ),
  });

/** The district's medicine deliveries of the day, every status (the deliveries tab, the key figures). */
export const districtDeliveriesQuery = (districtId: string, date: string) =>
  queryOptions({
    queryKey: [...dispatchKeys.district(districtId), 'deliveries', date],
    queryFn: ({ signal }) =>
      api.get(`/districts/${districtId}/deliveries?date=${date}`, z.array(DeliveryView), signal),
  });

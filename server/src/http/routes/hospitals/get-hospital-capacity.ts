import { CapacityQuery, cityDateOf, HospitalCapacity, HospitalPathParams } from '@lastmeter/shared';
import { getHospitalCapacity } from '../../../domain/hospitals/get-hospital-capacity.ts';
import { defineRoute } from '../../route.ts';

export const getHospitalCapacityRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/capacity',
  summary: 'Effective capacity on a date: template plus overrides',
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  query: CapacityQuery,
  success: { status: 200, description: 'Capacity per service and slot', schema: HospitalCapacity },
  handler: ({ actor, app, params, query }) =>
    getHospitalCapacity({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      date: query.date ?? cityDateOf(app.clock.now(), app.config.timeZone),
      timeZone: app.config.timeZone,
    }),
});

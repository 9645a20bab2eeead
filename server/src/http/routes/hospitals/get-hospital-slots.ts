import { HospitalPathParams, HospitalSlots } from '@lastmeter/shared';
import { getHospitalSlots } from '../../../domain/hospitals/get-hospital-slots.ts';
import { defineRoute } from '../../route.ts';

export const getHospitalSlotsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/slots',
  summary: 'The weekly capacity template',
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  success: { status: 200, description: 'The template', schema: HospitalSlots },
  handler: ({ actor, app, params }) => getHospitalSlots({ db: app.db, actor, hospitalId: params.hospitalId }),
});

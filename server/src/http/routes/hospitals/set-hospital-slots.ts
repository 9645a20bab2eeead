import { HospitalPathParams, HospitalSlots, SetHospitalSlotsBody } from '@lastmeter/shared';
import { setHospitalSlots } from '../../../domain/hospitals/set-hospital-slots.ts';
import { defineRoute } from '../../route.ts';

export const setHospitalSlotsRoute = defineRoute({
  method: 'put',
  path: '/api/v1/hospitals/:hospitalId/slots',
  summary: 'Replace the weekly capacity template (the hospital itself, admin)',
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  body: SetHospitalSlotsBody,
  success: { status: 200, description: 'The new template', schema: HospitalSlots },
  handler: ({ actor, app, params, body }) =>
    setHospitalSlots({ db: app.db, actor, hospitalId: params.hospitalId, input: body }),
});

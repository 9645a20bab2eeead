import { Hospital, HospitalPathParams, HospitalStatusBody } from '@lastmeter/shared';
import { updateHospitalStatus } from '../../../domain/hospitals/update-hospital-status.ts';
import { defineRoute } from '../../route.ts';

export const updateHospitalStatusRoute = defineRoute({
  method: 'put',
  path: '/api/v1/hospitals/:hospitalId/status',
  summary: 'Publish crowding and open/diverting (the hospital itself, admin)',
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  body: HospitalStatusBody,
  success: { status: 200, description: 'Updated', schema: Hospital },
  handler: ({ actor, app, params, body }) =>
    updateHospitalStatus({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      input: body,
    }),
});

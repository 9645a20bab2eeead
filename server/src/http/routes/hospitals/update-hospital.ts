import { Hospital, HospitalPathParams, UpdateHospitalBody } from '@lastmeter/shared';
import { updateHospital } from '../../../domain/hospitals/update-hospital.ts';
import { defineRoute } from '../../route.ts';

export const updateHospitalRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/hospitals/:hospitalId',
  summary: "Change a hospital's record (admin)",
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  body: UpdateHospitalBody,
  success: { status: 200, description: 'Updated', schema: Hospital },
  handler: ({ actor, app, params, body }) =>
    updateHospital({ db: app.db, actor, hospitalId: params.hospitalId, input: body }),
});

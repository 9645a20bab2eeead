import { Hospital, HospitalPathParams } from '@lastmeter/shared';
import { getHospital } from '../../../domain/hospitals/get-hospital.ts';
import { defineRoute } from '../../route.ts';

export const getHospitalRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId',
  summary: 'One hospital',
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalPathParams,
  success: { status: 200, description: 'The hospital', schema: Hospital },
  handler: ({ actor, app, params }) => getHospital({ db: app.db, actor, hospitalId: params.hospitalId }),
});

import { District, DistrictPathParams } from '@lastmeter/shared';
import { getDistrict } from '../../../domain/districts/get-district.ts';
import { defineRoute } from '../../route.ts';

export const getDistrictRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId',
  summary: 'One district (admin, its dispatchers)',
  tags: ['districts'],
  auth: 'session',
  params: DistrictPathParams,
  success: { status: 200, description: 'The district', schema: District },
  handler: ({ actor, app, params }) => getDistrict({ db: app.db, actor, districtId: params.districtId }),
});

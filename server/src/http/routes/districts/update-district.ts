import { District, DistrictPathParams, UpdateDistrictBody } from '@lastmeter/shared';
import { updateDistrict } from '../../../domain/districts/update-district.ts';
import { defineRoute } from '../../route.ts';

export const updateDistrictRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/districts/:districtId',
  summary: "Change a district's code, name, city or map centre (admin)",
  tags: ['districts'],
  auth: 'session',
  params: DistrictPathParams,
  body: UpdateDistrictBody,
  success: { status: 200, description: 'Updated', schema: District },
  handler: ({ actor, app, params, body }) =>
    updateDistrict({ db: app.db, actor, districtId: params.districtId, input: body }),
});

import { Compound, CreateCompoundBody, DistrictPathParams } from '@lastmeter/shared';
import { createCompound } from '../../../domain/districts/create-compound.ts';
import { defineRoute } from '../../route.ts';

export const createCompoundRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts/:districtId/compounds',
  summary: "Create a compound with its boundary and gates (admin, the district's dispatchers)",
  tags: ['districts'],
  auth: 'session',
  params: DistrictPathParams,
  body: CreateCompoundBody,
  success: { status: 201, description: 'Created, with its current level', schema: Compound },
  handler: ({ actor, app, params, body }) =>
    createCompound({ db: app.db, actor, districtId: params.districtId, input: body }),
});

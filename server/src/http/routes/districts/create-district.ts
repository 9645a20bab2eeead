import { CreateDistrictBody, District } from '@lastmeter/shared';
import { createDistrict } from '../../../domain/districts/create-district.ts';
import { defineRoute } from '../../route.ts';

export const createDistrictRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts',
  summary: 'Create a district (admin)',
  tags: ['districts'],
  auth: 'session',
  body: CreateDistrictBody,
  success: { status: 201, description: 'Created', schema: District },
  handler: ({ actor, app, body }) => createDistrict({ db: app.db, actor, input: body }),
});

import { CreateHospitalBody, Hospital } from '@lastmeter/shared';
import { createHospital } from '../../../domain/hospitals/create-hospital.ts';
import { defineRoute } from '../../route.ts';

export const createHospitalRoute = defineRoute({
  method: 'post',
  path: '/api/v1/hospitals',
  summary: 'Register a hospital (admin)',
  tags: ['hospitals'],
  auth: 'session',
  body: CreateHospitalBody,
  success: { status: 201, description: 'Created', schema: Hospital },
  handler: ({ actor, app, body }) => createHospital({ db: app.db, actor, input: body }),
});

import { Hospital } from '@lastmeter/shared';
import { z } from 'zod';
import { listHospitals } from '../../../domain/hospitals/list-hospitals.ts';
import { defineRoute } from '../../route.ts';

export const listHospitalsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals',
  summary: 'Hospitals (a hospital account: its own)',
  tags: ['hospitals'],
  auth: 'session',
  success: { status: 200, description: 'Hospitals', schema: z.array(Hospital) },
  handler: ({ actor, app }) => listHospitals({ db: app.db, actor }),
});

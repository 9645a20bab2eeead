import { CareNeedInput, CareNeedView } from '@lastmeter/shared';
import { addCareNeed } from '../../../domain/patients/add-care-need.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const addCareNeedRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/needs',
  summary: 'Add a care need with its schedule; the patient must have consent on record (gatekeeper, admin)',
  tags: ['patients'],
  auth: 'session',
  params: PatientParams,
  body: CareNeedInput,
  success: { status: 201, description: 'The need', schema: CareNeedView },
  handler: ({ actor, app, params, body }) =>
    addCareNeed({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      patientId: params.patientId,
      input: body,
    }),
});

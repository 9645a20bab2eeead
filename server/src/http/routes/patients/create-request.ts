import { CreateRequestBody, RequestView } from '@lastmeter/shared';
import { createRequest } from '../../../domain/requests/create-request.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const createRequestRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/requests',
  summary:
    "Raise a one-off or emergency request for a patient (the compound's gatekeeper, the district's dispatcher, admin)",
  tags: ['requests'],
  auth: 'session',
  params: PatientParams,
  body: CreateRequestBody,
  success: { status: 201, description: 'The request', schema: RequestView },
  handler: ({ actor, app, params, body }) =>
    createRequest({
      db: app.db,
      timeZone: app.config.timeZone,
      now: app.clock.now(),
      actor,
      patientId: params.patientId,
      input: body,
    }),
});
